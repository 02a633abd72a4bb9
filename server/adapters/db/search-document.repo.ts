import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import {
  applications,
  candidateSkillDecisions,
  candidateSkillEvidence,
  candidates,
  credentials,
  jobs,
  skillLabels,
  skills,
} from '@/db/schema';
import { pgTextArray } from '@/server/adapters/search/postgres.search';
import {
  buildSearchDocument,
  type CandidateSearchDocument,
  type CredentialStatus,
  type SearchSourceCredential,
  type SearchSourceEvidence,
  type SearchSourceSkill,
} from '@/server/domain/search/search-document';
import { searchWords } from '@/server/domain/search/text-match';
import type { SearchDocumentSource } from '@/server/ports/search-index';

/** Ancestor walks stop here: ESCO is a DAG a few levels deep, this only guards against a cycle in bad data. */
const MAX_ANCESTOR_DEPTH = 16;
/** Meilisearch caps synonyms in practice; the skills candidates hold are the ones worth expanding. */
const MAX_SYNONYM_SKILLS = 5_000;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = grouped.get(k);
    if (list) list.push(item);
    else grouped.set(k, [item]);
  }
  return grouped;
}

async function loadSkills(db: DbOrTx, skillIds: readonly string[]): Promise<Map<string, SearchSourceSkill>> {
  const result = new Map<string, SearchSourceSkill>();
  if (!skillIds.length) return result;
  const ids = [...new Set(skillIds)];
  const [labelRows, altRows, ancestorRows] = await Promise.all([
    db.select({ id: skills.id, label: skills.preferredLabel }).from(skills).where(inArray(skills.id, ids)),
    db
      .select({ id: skillLabels.skillId, label: skillLabels.label })
      .from(skillLabels)
      .where(and(inArray(skillLabels.skillId, ids), eq(skillLabels.kind, 'alt'), eq(skillLabels.lang, 'en'))),
    db.execute(sql`
      WITH RECURSIVE anc(skill_id, ancestor_id, depth) AS (
        SELECT b.skill_id, b.broader_id, 1 FROM skill_broader b WHERE b.skill_id = ANY(${pgTextArray(ids)}::text[])
        UNION
        SELECT a.skill_id, b.broader_id, a.depth + 1
        FROM anc a JOIN skill_broader b ON b.skill_id = a.ancestor_id
        WHERE a.depth < ${MAX_ANCESTOR_DEPTH}
      )
      SELECT skill_id, array_agg(DISTINCT ancestor_id) AS ancestors FROM anc GROUP BY skill_id
    `),
  ]);
  const alts = groupBy(altRows, (row) => row.id);
  const ancestors = new Map(
    rowsOf<{ skill_id: string; ancestors: string[] | string }>(ancestorRows).map((row) => [
      row.skill_id,
      Array.isArray(row.ancestors) ? row.ancestors : parsePgArray(row.ancestors),
    ]),
  );
  for (const row of labelRows) {
    result.set(row.id, {
      label: row.label,
      altLabels: (alts.get(row.id) ?? []).map((alt) => alt.label),
      ancestorIds: (ancestors.get(row.id) ?? []).filter((id) => id !== row.id),
    });
  }
  return result;
}

/** Drivers return text[] as a JS array; keep a fallback for the `{a,b}` literal form. */
function parsePgArray(literal: string): string[] {
  const inner = literal.replace(/^\{|\}$/g, '');
  if (!inner) return [];
  return inner.split(',').map((item) => item.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1'));
}

async function loadCredentials(db: DbOrTx, candidateIds: readonly string[]) {
  const rows = await db
    .select({
      id: credentials.id,
      candidateId: credentials.candidateId,
      status: credentials.status,
      issuerName: credentials.issuerName,
      achievementName: credentials.achievementName,
      uploadedAt: credentials.uploadedAt,
      verifiedAt: credentials.verifiedAt,
    })
    .from(credentials)
    .where(inArray(credentials.candidateId, [...candidateIds]));
  return groupBy(
    rows.map((row) => ({
      candidateId: row.candidateId,
      credential: {
        id: row.id,
        status: row.status as CredentialStatus,
        issuerName: row.issuerName,
        achievementName: row.achievementName,
        // Re-verification (e.g. a revocation found later) changes the document, so it counts as an update.
        updatedAt: row.verifiedAt > row.uploadedAt ? row.verifiedAt : row.uploadedAt,
      } satisfies SearchSourceCredential,
    })),
    (row) => row.candidateId,
  );
}

/**
 * Builds search documents from the system of record: the candidate profile, applications (for
 * 'applied_only' visibility), credentials with their verification status, skill evidence with the
 * candidate's own confirm/reject decisions applied, and the taxonomy's labels and ancestors.
 */
export function createSearchDocumentRepo(db: DbOrTx): SearchDocumentSource {
  return {
    async buildDocuments(candidateIds) {
      const ids = [...new Set(candidateIds)];
      const result = new Map<string, CandidateSearchDocument | null>(ids.map((id) => [id, null]));
      if (!ids.length) return result;
      const profileRows = await db
        .select({
          id: candidates.id,
          displayName: candidates.displayName,
          headline: candidates.headline,
          location: candidates.location,
          availability: candidates.availability,
          visibility: candidates.visibility,
          updatedAt: candidates.updatedAt,
        })
        .from(candidates)
        .where(inArray(candidates.id, ids));
      const visibleIds = profileRows.filter((row) => row.visibility !== 'hidden').map((row) => row.id);
      if (!visibleIds.length) return result;

      const [applied, credentialsByCandidate, evidenceRows, decisionRows] = await Promise.all([
        db
          .selectDistinct({ candidateId: applications.candidateId, organizationId: jobs.organizationId })
          .from(applications)
          .innerJoin(jobs, eq(jobs.id, applications.jobId))
          .where(inArray(applications.candidateId, visibleIds)),
        loadCredentials(db, visibleIds),
        db
          .select({
            candidateId: candidateSkillEvidence.candidateId,
            skillId: candidateSkillEvidence.skillId,
            credentialId: candidateSkillEvidence.credentialId,
            confidence: candidateSkillEvidence.confidence,
            state: candidateSkillEvidence.state,
          })
          .from(candidateSkillEvidence)
          .where(inArray(candidateSkillEvidence.candidateId, visibleIds)),
        db
          .select({
            candidateId: candidateSkillDecisions.candidateId,
            skillId: candidateSkillDecisions.skillId,
            decision: candidateSkillDecisions.decision,
          })
          .from(candidateSkillDecisions)
          .where(inArray(candidateSkillDecisions.candidateId, visibleIds)),
      ]);
      const decisions = new Map(
        decisionRows.map((row) => [`${row.candidateId} ${row.skillId}`, row.decision]),
      );
      const taxonomy = await loadSkills(
        db,
        evidenceRows.map((row) => row.skillId),
      );
      const appliedBy = groupBy(applied, (row) => row.candidateId);
      const evidenceBy = groupBy(evidenceRows, (row) => row.candidateId);

      for (const profile of profileRows) {
        const evidence: SearchSourceEvidence[] = (evidenceBy.get(profile.id) ?? []).map((row) => {
          const decision = decisions.get(`${profile.id} ${row.skillId}`);
          return {
            skillId: row.skillId,
            credentialId: row.credentialId,
            confidence: row.confidence,
            state: decision ?? row.state,
          };
        });
        result.set(
          profile.id,
          buildSearchDocument({
            candidate: profile,
            appliedOrganizationIds: (appliedBy.get(profile.id) ?? []).map((row) => row.organizationId),
            credentials: (credentialsByCandidate.get(profile.id) ?? []).map((row) => row.credential),
            evidence,
            skills: taxonomy,
          }),
        );
      }
      return result;
    },

    async *candidateIdBatches(batchSize) {
      let after: string | null = null;
      for (;;) {
        const rows: { id: string }[] = await db
          .select({ id: candidates.id })
          .from(candidates)
          .where(after === null ? sql`true` : gt(candidates.id, after))
          .orderBy(asc(candidates.id))
          .limit(batchSize);
        if (!rows.length) return;
        yield rows.map((row) => row.id);
        after = rows[rows.length - 1].id;
      }
    },

    async synonyms() {
      const rows = rowsOf<{ preferred: string; alt: string }>(
        await db.execute(sql`
          WITH held AS (
            SELECT DISTINCT skill_id FROM candidate_skill_evidence WHERE state <> 'rejected' LIMIT ${MAX_SYNONYM_SKILLS}
          )
          SELECT s.preferred_label AS preferred, l.label AS alt
          FROM held h
          JOIN skills s ON s.id = h.skill_id
          JOIN skill_labels l ON l.skill_id = h.skill_id AND l.kind = 'alt' AND l.lang = 'en'
        `),
      );
      return synonymsFromLabels(rows);
    },

    async skillLabels(skillIds) {
      if (!skillIds.length) return new Map();
      const rows = await db
        .select({ id: skills.id, label: skills.preferredLabel })
        .from(skills)
        .where(inArray(skills.id, [...new Set(skillIds)]));
      return new Map(rows.map((row) => [row.id, row.label]));
    },
  };
}

/**
 * Two-way synonyms between a skill's preferred label and each alternative label (lower-cased, as
 * Meilisearch matches them). Multi-word labels stay whole: Meilisearch supports multi-word synonyms.
 */
export function synonymsFromLabels(
  rows: readonly { preferred: string; alt: string }[],
): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    if (!from || !to || from === to) return;
    const set = map.get(from) ?? new Set<string>();
    set.add(to);
    map.set(from, set);
  };
  for (const row of rows) {
    const preferred = searchWords(row.preferred).join(' ');
    const alt = searchWords(row.alt).join(' ');
    add(preferred, alt);
    add(alt, preferred);
  }
  return Object.fromEntries([...map].map(([key, values]) => [key, [...values].sort()]));
}
