import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { candidateSkillDecisions, candidateSkillEvidence, skills } from '@/db/schema';
import { loadTaxonomyGraph, resolveAlignment } from '@/server/adapters/db/taxonomy.repo';
import { getSkillIndex } from '@/server/adapters/taxonomy/skill-index.cache';
import type { Actor } from '@/server/domain/auth/actor';
import type { AchievementData } from '@/server/domain/credentials/model';
import { DomainError } from '@/server/domain/errors';
import { matchSkills } from '@/server/domain/skills/skill-index';
import { enqueueCandidateChange } from './outbox';

/** Text mappings below this confidence are not stored (they would be noise on a profile). */
export const MIN_TEXT_CONFIDENCE = 0.5;

type EvidenceField = 'alignment' | 'name' | 'description' | 'criteria' | 'tags' | 'results';

interface EvidenceDraft {
  skillId: string;
  field: EvidenceField;
  span: string;
  spanStart: number | null;
  spanEnd: number | null;
  method: 'alignment' | 'label';
  confidence: number;
}

function alignmentText(a: AchievementData['alignments'][number]): string {
  return [a.targetName, a.targetFramework, a.targetCode, a.targetUrl]
    .filter(Boolean)
    .join(' · ')
    .slice(0, 500);
}

/**
 * (Re)writes the skill evidence of one credential, inside the caller's transaction:
 * 1. explicit alignments (OB2 `alignment[]`, OB3 `achievement.alignment[]`) resolved by ESCO URI,
 *    framework code or exact label → confidence 1, method 'alignment';
 * 2. then the achievement's name, description, criteria narrative, tags and result descriptions,
 *    matched against every taxonomy label → method 'label' with the matcher's confidence.
 * One row per (skill, field), keeping the best span. A skill the candidate rejected is written with
 * state 'rejected' and so never comes back as a proposal; a confirmed one stays confirmed. Enqueues a
 * candidate change in the same transaction.
 */
export async function mapCredentialSkills(
  tx: Tx,
  input: { candidateId: string; credentialId: string; achievement: AchievementData },
): Promise<void> {
  const { candidateId, credentialId, achievement } = input;
  const drafts = new Map<string, EvidenceDraft>();
  const keep = (d: EvidenceDraft) => {
    const key = `${d.skillId}|${d.field}`;
    const prev = drafts.get(key);
    if (!prev || d.confidence > prev.confidence) drafts.set(key, d);
  };

  const aligned = new Set<string>();
  for (const a of achievement.alignments ?? []) {
    const found = await resolveAlignment(tx, a);
    for (const f of found) {
      aligned.add(f.skillId);
      keep({
        skillId: f.skillId,
        field: 'alignment',
        span: alignmentText(a),
        spanStart: null,
        spanEnd: null,
        method: 'alignment',
        confidence: 1,
      });
    }
  }

  const index = await getSkillIndex(tx);
  const texts: [EvidenceField, string | undefined][] = [
    ['name', achievement.name],
    ['description', achievement.description],
    ['criteria', achievement.criteriaNarrative],
    ...(achievement.tags ?? []).map((t): [EvidenceField, string] => ['tags', t]),
    ...(achievement.resultDescriptions ?? []).map((r): [EvidenceField, string] => [
      'results',
      [r.name, r.description].filter(Boolean).join(': '),
    ]),
  ];
  for (const [field, text] of texts) {
    if (!text || !text.trim()) continue;
    const clipped = text.slice(0, 20_000);
    for (const m of matchSkills(index, clipped)) {
      // A tag that is exactly a label is as explicit as an alignment's name.
      const wholeTag = field === 'tags' && m.span.length === clipped.trim().length;
      const confidence = wholeTag ? Math.max(m.confidence, 0.9) : m.confidence;
      if (confidence < MIN_TEXT_CONFIDENCE) continue;
      keep({
        skillId: m.skillId,
        field,
        span: m.span,
        spanStart: field === 'tags' ? null : m.start,
        spanEnd: field === 'tags' ? null : m.end,
        method: 'label',
        confidence,
      });
    }
  }

  await tx.delete(candidateSkillEvidence).where(eq(candidateSkillEvidence.credentialId, credentialId));
  const rows = [...drafts.values()];
  if (rows.length) {
    const decisions = await tx
      .select({ skillId: candidateSkillDecisions.skillId, decision: candidateSkillDecisions.decision })
      .from(candidateSkillDecisions)
      .where(
        and(
          eq(candidateSkillDecisions.candidateId, candidateId),
          inArray(
            candidateSkillDecisions.skillId,
            rows.map((r) => r.skillId),
          ),
        ),
      );
    const decided = new Map(decisions.map((d) => [d.skillId, d.decision]));
    await tx.insert(candidateSkillEvidence).values(
      rows.map((r) => ({
        candidateId,
        credentialId,
        skillId: r.skillId,
        field: r.field,
        span: r.span,
        spanStart: r.spanStart,
        spanEnd: r.spanEnd,
        method: r.method,
        confidence: r.confidence,
        state: decided.get(r.skillId) ?? ('proposed' as const),
      })),
    );
  }
  await enqueueCandidateChange(tx, candidateId, 'skills_mapped');
}

/** One skill on a candidate's profile with everything that supports it. */
export interface CandidateSkill {
  skillId: string;
  label: string;
  frameworkId: string;
  state: 'proposed' | 'confirmed' | 'rejected';
  /** Highest confidence over the evidence. */
  confidence: number;
  evidence: {
    credentialId: string | null;
    field: string;
    span: string;
    method: string;
    confidence: number;
  }[];
}

export interface SkillBranch {
  /** Id of the top-level taxonomy branch (null for skills without hierarchy). */
  branchId: string | null;
  branchLabel: string;
  skills: CandidateSkill[];
}

function requireCandidate(actor: Actor): string {
  if (actor.role !== 'candidate' || !actor.candidateId)
    throw new DomainError('FORBIDDEN', 'Only candidates have skills.');
  return actor.candidateId;
}

export function createSkillMappingService(db: Db) {
  /** The candidate's skills grouped by top-level taxonomy branch, each with its evidence. */
  async function listMySkills(
    actor: Actor,
    opts: { includeRejected?: boolean } = {},
  ): Promise<SkillBranch[]> {
    const candidateId = requireCandidate(actor);
    const rows = await db
      .select({
        skillId: candidateSkillEvidence.skillId,
        label: skills.preferredLabel,
        frameworkId: skills.frameworkId,
        credentialId: candidateSkillEvidence.credentialId,
        field: candidateSkillEvidence.field,
        span: candidateSkillEvidence.span,
        method: candidateSkillEvidence.method,
        confidence: candidateSkillEvidence.confidence,
        state: candidateSkillEvidence.state,
      })
      .from(candidateSkillEvidence)
      .innerJoin(skills, eq(skills.id, candidateSkillEvidence.skillId))
      .where(eq(candidateSkillEvidence.candidateId, candidateId));
    const decisions = await db
      .select({ skillId: candidateSkillDecisions.skillId, decision: candidateSkillDecisions.decision })
      .from(candidateSkillDecisions)
      .where(eq(candidateSkillDecisions.candidateId, candidateId));
    const decided = new Map(decisions.map((d) => [d.skillId, d.decision]));
    const bySkill = new Map<string, CandidateSkill>();
    for (const r of rows) {
      let s = bySkill.get(r.skillId);
      if (!s) {
        s = {
          skillId: r.skillId,
          label: r.label,
          frameworkId: r.frameworkId,
          state: decided.get(r.skillId) ?? 'proposed',
          confidence: 0,
          evidence: [],
        };
        bySkill.set(r.skillId, s);
      }
      s.confidence = Math.max(s.confidence, r.confidence);
      s.evidence.push({
        credentialId: r.credentialId,
        field: r.field,
        span: r.span,
        method: r.method,
        confidence: r.confidence,
      });
    }
    const list = [...bySkill.values()].filter((s) => opts.includeRejected || s.state !== 'rejected');
    const graph = await loadTaxonomyGraph(
      db,
      list.map((s) => s.skillId),
    );
    const rootOf = (id: string): string | null => {
      let cur = id;
      const seen = new Set<string>();
      for (;;) {
        const up = graph.broader.get(cur);
        if (!up || up.length === 0 || seen.has(cur)) return cur === id ? null : cur;
        seen.add(cur);
        cur = [...up].sort()[0];
      }
    };
    const branches = new Map<string, SkillBranch>();
    for (const s of list) {
      s.evidence.sort((a, b) => b.confidence - a.confidence);
      const root = rootOf(s.skillId);
      const key = root ?? '';
      let b = branches.get(key);
      if (!b) {
        b = {
          branchId: root,
          branchLabel: root ? (graph.labels.get(root) ?? root) : 'Other skills',
          skills: [],
        };
        branches.set(key, b);
      }
      b.skills.push(s);
    }
    for (const b of branches.values())
      b.skills.sort(
        (x, y) =>
          Number(y.state === 'confirmed') - Number(x.state === 'confirmed') || y.confidence - x.confidence,
      );
    return [...branches.values()].sort(
      (a, b) =>
        Number(a.branchId === null) - Number(b.branchId === null) ||
        a.branchLabel.localeCompare(b.branchLabel),
    );
  }

  async function decide(
    actor: Actor,
    skillId: string,
    decision: 'confirmed' | 'rejected' | null,
  ): Promise<void> {
    const candidateId = requireCandidate(actor);
    await db.transaction(async (tx) => {
      const [has] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(candidateSkillEvidence)
        .where(
          and(
            eq(candidateSkillEvidence.candidateId, candidateId),
            eq(candidateSkillEvidence.skillId, skillId),
          ),
        );
      if (!has || Number(has.n) === 0)
        throw new DomainError('NOT_FOUND', 'This skill is not on your profile.');
      if (decision === null) {
        await tx
          .delete(candidateSkillDecisions)
          .where(
            and(
              eq(candidateSkillDecisions.candidateId, candidateId),
              eq(candidateSkillDecisions.skillId, skillId),
            ),
          );
      } else {
        await tx
          .insert(candidateSkillDecisions)
          .values({ candidateId, skillId, decision })
          .onConflictDoUpdate({
            target: [candidateSkillDecisions.candidateId, candidateSkillDecisions.skillId],
            set: { decision, decidedAt: new Date() },
          });
      }
      await tx
        .update(candidateSkillEvidence)
        .set({ state: decision ?? 'proposed' })
        .where(
          and(
            eq(candidateSkillEvidence.candidateId, candidateId),
            eq(candidateSkillEvidence.skillId, skillId),
          ),
        );
      await enqueueCandidateChange(
        tx,
        candidateId,
        decision ? `skill_${decision}` : 'skill_decision_cleared',
      );
    });
  }

  return {
    listMySkills,
    /** The candidate confirms a proposed skill. */
    confirmSkill: (actor: Actor, skillId: string) => decide(actor, skillId, 'confirmed'),
    /** The candidate rejects a skill; it never comes back on re-mapping. */
    rejectSkill: (actor: Actor, skillId: string) => decide(actor, skillId, 'rejected'),
    /** Undo a confirm/reject: the skill becomes a proposal again. */
    clearDecision: (actor: Actor, skillId: string) => decide(actor, skillId, null),
  };
}

export type SkillMappingService = ReturnType<typeof createSkillMappingService>;
