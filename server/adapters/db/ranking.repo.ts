import { inArray, sql } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { rowsOf, type Db, type DbOrTx } from '@/db/client';
import { visibleToOrganization } from '@/server/adapters/db/job.repo';
import { candidateSkillStrengths, candidates } from '@/db/schema';
import {
  RankingIndexBuilder,
  type IndexHit,
  type IndexQuery,
  type IndexSkillRow,
  type IndexVisibility,
  type RankingIndex,
  type SkillStrength,
  type CandidateSkillEvidence,
  type KnownAchievement,
} from '@/server/domain/ranking';

/** Rows are written to candidate_skill_strengths in batches of this size. */
const WRITE_BATCH = 2000;
/** PGlite has no COPY TO STDOUT: the loader pages through the table instead. */
const PAGE_SIZE = 50_000;

type PostgresJsClient = {
  unsafe(query: string): { readable(): Promise<Readable> };
};

function postgresClient(db: Db): PostgresJsClient | null {
  const client = (db as unknown as { $client?: unknown }).$client;
  // postgres.js exposes a callable tagged-template client; PGlite is a class instance with `query`.
  return typeof client === 'function' ? (client as unknown as PostgresJsClient) : null;
}

/** Replaces the ranking profile rows of the given candidates (call inside the transaction that recomputed them). */
export async function replaceCandidateStrengths(
  tx: DbOrTx,
  candidateIds: readonly string[],
  profiles: ReadonlyMap<string, readonly SkillStrength[]>,
  asOfDay: number,
): Promise<void> {
  if (candidateIds.length === 0) return;
  await tx
    .delete(candidateSkillStrengths)
    .where(inArray(candidateSkillStrengths.candidateId, [...candidateIds]));
  const rows: (typeof candidateSkillStrengths.$inferInsert)[] = [];
  for (const candidateId of candidateIds) {
    for (const s of profiles.get(candidateId) ?? []) {
      if (s.strength <= 0 && s.verifiedStrength <= 0) continue;
      rows.push({
        candidateId,
        skillId: s.skillId,
        strength: s.strength,
        verifiedStrength: s.verifiedStrength,
        lastEvidenceDay: s.lastEvidenceDay,
        lastVerifiedDay: s.lastVerifiedDay,
        asOfDay,
      });
    }
  }
  for (let i = 0; i < rows.length; i += WRITE_BATCH) {
    await tx.insert(candidateSkillStrengths).values(rows.slice(i, i + WRITE_BATCH));
  }
}

export interface CandidateRankingRows {
  visibility: IndexVisibility;
  rows: IndexSkillRow[];
}

/** Ranking rows (strengths) and visibility of some candidates, for incremental index updates. */
export async function loadCandidateRankingRows(
  db: DbOrTx,
  candidateIds: readonly string[],
): Promise<Map<string, CandidateRankingRows>> {
  const out = new Map<string, CandidateRankingRows>();
  if (candidateIds.length === 0) return out;
  const cands = await db
    .select({ id: candidates.id, visibility: candidates.visibility })
    .from(candidates)
    .where(inArray(candidates.id, [...candidateIds]));
  for (const c of cands) out.set(c.id, { visibility: c.visibility, rows: [] });
  const rows = await db
    .select({
      candidateId: candidateSkillStrengths.candidateId,
      skillId: candidateSkillStrengths.skillId,
      strength: candidateSkillStrengths.strength,
      verifiedStrength: candidateSkillStrengths.verifiedStrength,
      lastEvidenceDay: candidateSkillStrengths.lastEvidenceDay,
      lastVerifiedDay: candidateSkillStrengths.lastVerifiedDay,
    })
    .from(candidateSkillStrengths)
    .where(inArray(candidateSkillStrengths.candidateId, [...candidateIds]))
    .orderBy(candidateSkillStrengths.candidateId, candidateSkillStrengths.skillId);
  for (const r of rows) {
    out.get(r.candidateId)?.rows.push({
      skillId: r.skillId,
      strength: r.strength,
      verifiedStrength: r.verifiedStrength,
      lastEvidenceDay: r.lastEvidenceDay,
      lastVerifiedDay: r.lastVerifiedDay,
    });
  }
  return out;
}

const BINARY_COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * Parses a binary-format COPY stream (signature, flags, header extension, then tuples of length-prefixed fields),
 * calling `onTuple(buffer, fieldStarts, fieldLengths, fieldCount)` per tuple without making per-field objects.
 * A field length of -1 is NULL.
 */
async function forEachBinaryCopyTuple(
  stream: Readable,
  onTuple: (buf: Buffer, starts: Int32Array, lengths: Int32Array, fields: number) => void,
): Promise<void> {
  let starts = new Int32Array(16);
  let lengths = new Int32Array(16);
  let carry: Buffer | null = null;
  let headerDone = false;
  // Event listeners rather than `for await`: with postgres.js, async iteration over one COPY stream leaves the
  // connection unable to run the next COPY (the process then exits with the promise pending).
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      try {
        const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
        let pos = 0;
        if (!headerDone) {
          if (buf.length < 19 || buf.length < 19 + buf.readInt32BE(15)) {
            carry = Buffer.from(buf);
            return;
          }
          if (!buf.subarray(0, 11).equals(BINARY_COPY_SIGNATURE)) throw new Error('not a binary COPY stream');
          pos = 19 + buf.readInt32BE(15);
          headerDone = true;
        }
        for (;;) {
          if (pos + 2 > buf.length) break;
          const fields = buf.readInt16BE(pos);
          if (fields === -1) {
            pos += 2; // trailer
            continue;
          }
          if (fields > starts.length) {
            starts = new Int32Array(fields);
            lengths = new Int32Array(fields);
          }
          let p = pos + 2;
          let complete = true;
          for (let f = 0; f < fields; f++) {
            if (p + 4 > buf.length) {
              complete = false;
              break;
            }
            const len = buf.readInt32BE(p);
            p += 4;
            starts[f] = p;
            lengths[f] = len;
            if (len > 0) {
              if (p + len > buf.length) {
                complete = false;
                break;
              }
              p += len;
            }
          }
          if (!complete) break;
          onTuple(buf, starts, lengths, fields);
          pos = p;
        }
        carry = pos < buf.length ? Buffer.from(buf.subarray(pos)) : null;
      } catch (error) {
        stream.destroy(error as Error);
      }
    });
    stream.on('end', () => {
      if (carry) reject(new Error('binary COPY stream ended inside a tuple'));
      else resolve();
    });
    stream.on('error', reject);
  });
}

/** Element count and first element offset of a one-dimensional binary array (no NULL elements expected). */
function binaryArray(buf: Buffer, start: number): { count: number; first: number } {
  const ndim = buf.readInt32BE(start);
  if (ndim === 0) return { count: 0, first: start + 12 };
  if (ndim !== 1) throw new Error(`expected a one-dimensional array, got ${ndim} dimensions`);
  return { count: buf.readInt32BE(start + 12), first: start + 20 };
}

const VISIBILITIES: Record<string, IndexVisibility> = {
  public: 'public',
  applied_only: 'applied_only',
  hidden: 'hidden',
};

/**
 * Builds the in-memory ranking index from `candidates` and `candidate_skill_strengths`. On PostgreSQL it streams
 * both tables with COPY … TO STDOUT and parses the text format directly into typed arrays (no per-row objects);
 * on PGlite it pages through them with keyset pagination.
 */
export async function loadRankingIndex(db: Db): Promise<{ index: RankingIndex; rows: number }> {
  const builder = new RankingIndexBuilder();
  let rows = 0;
  const pg = postgresClient(db);
  if (pg) {
    // Two binary COPYs of aggregated arrays: candidates (one row), then postings grouped by skill (read
    // in skill order from the covering posting index). PostgreSQL sends one CopyData message per result row, and
    // postgres.js costs about a microsecond per message, so one row per skill rather than per posting; binary
    // arrays spare both sides formatting and parsing numbers and uuids as text.
    // Candidates in uuid order, the order of every posting list read below: dense ids then follow the lists and
    // the builder can take the rows as they come (it sorts them itself otherwise).
    const cands = await pg
      .unsafe(
        `COPY (SELECT array_agg(id), array_agg(visibility::text)
           FROM (SELECT id, visibility FROM candidates ORDER BY id) c) TO STDOUT (FORMAT binary)`,
      )
      .readable();
    await forEachBinaryCopyTuple(cands, (buf, starts) => {
      const ids = binaryArray(buf, starts[0]);
      let pv = binaryArray(buf, starts[1]).first;
      for (let e = 0, p = ids.first; e < ids.count; e++, p += 20) {
        const len = buf.readInt32BE(pv);
        const visibility = VISIBILITIES[buf.toString('latin1', pv + 4, pv + 4 + len)] ?? 'hidden';
        pv += 4 + len;
        builder.candidateBinary(buf, p + 4, visibility);
      }
    });
    const postings = await pg
      .unsafe(
        `COPY (SELECT skill_id, array_agg(candidate_id), array_agg(strength), array_agg(verified_strength),
           array_agg(coalesce(last_evidence_day, -1)), array_agg(coalesce(last_verified_day, -1))
         FROM candidate_skill_strengths GROUP BY skill_id) TO STDOUT (FORMAT binary)`,
      )
      .readable();
    // With candidates registered in uuid order, a posting's dense id is found through a small prefix table and the
    // sorted uuids (about one cache miss) rather than a hash probe (two).
    const sorted = builder.candidates.prepareSortedLookup();
    await forEachBinaryCopyTuple(postings, (buf, starts, lengths) => {
      const skillIdx = builder.skillIdx(buf.toString('utf8', starts[0], starts[0] + lengths[0]));
      const ids = binaryArray(buf, starts[1]);
      // Element layouts: uuid 4 + 16 bytes, int2 4 + 2, int4 4 + 4 (each led by its length).
      let pi = ids.first + 4;
      let ps = binaryArray(buf, starts[2]).first + 4;
      let pv = binaryArray(buf, starts[3]).first + 4;
      let pd = binaryArray(buf, starts[4]).first + 4;
      let pe = binaryArray(buf, starts[5]).first + 4;
      for (let e = 0; e < ids.count; e++, pi += 20, ps += 6, pv += 6, pd += 8, pe += 8) {
        let dense = sorted ? builder.candidates.findSortedBinary(buf, pi) : -1;
        if (dense < 0) dense = builder.candidateBinary(buf, pi, 'hidden');
        const day = buf.readInt32BE(pd);
        const vday = buf.readInt32BE(pe);
        builder.push(
          dense,
          skillIdx,
          buf.readInt16BE(ps),
          buf.readInt16BE(pv),
          day < 0 ? null : day,
          vday < 0 ? null : vday,
        );
        rows++;
      }
    });
    return { index: builder.build(), rows };
  }
  // Dense ids from the candidate pass: `builder.candidate` would overwrite a known candidate's visibility.
  const denseById = new Map<string, number>();
  let after = '';
  for (;;) {
    const page = await db
      .select({ id: candidates.id, visibility: candidates.visibility })
      .from(candidates)
      .where(after ? sql`${candidates.id} > ${after}` : undefined)
      .orderBy(candidates.id)
      .limit(PAGE_SIZE);
    for (const c of page) denseById.set(c.id, builder.candidate(c.id, c.visibility));
    if (page.length < PAGE_SIZE) break;
    after = page[page.length - 1].id;
  }
  let afterCand = '';
  let afterSkill = '';
  for (;;) {
    const page = await db
      .select({
        candidateId: candidateSkillStrengths.candidateId,
        skillId: candidateSkillStrengths.skillId,
        strength: candidateSkillStrengths.strength,
        verifiedStrength: candidateSkillStrengths.verifiedStrength,
        lastEvidenceDay: candidateSkillStrengths.lastEvidenceDay,
        lastVerifiedDay: candidateSkillStrengths.lastVerifiedDay,
      })
      .from(candidateSkillStrengths)
      .where(
        afterCand
          ? sql`(${candidateSkillStrengths.candidateId}, ${candidateSkillStrengths.skillId}) > (${afterCand}::uuid, ${afterSkill})`
          : undefined,
      )
      .orderBy(candidateSkillStrengths.candidateId, candidateSkillStrengths.skillId)
      .limit(PAGE_SIZE);
    for (const r of page) {
      const dense = denseById.get(r.candidateId) ?? builder.candidate(r.candidateId, 'hidden');
      builder.push(
        dense,
        builder.skillIdx(r.skillId),
        r.strength,
        r.verifiedStrength,
        r.lastEvidenceDay,
        r.lastVerifiedDay,
      );
      rows++;
    }
    if (page.length < PAGE_SIZE) break;
    afterCand = page[page.length - 1].candidateId;
    afterSkill = page[page.length - 1].skillId;
  }
  return { index: builder.build(), rows };
}

/**
 * The SQL aggregate ranking path (fallback when the index is not loaded, and the benchmark baseline). Same
 * arithmetic as the index and `scoreCandidate`: per requirement the best factor × strength over its routes, summed
 * with importance; must-haves met through full routes at the minimum level; visibility by the contract
 * (public, or applied_only and applied to one of `organizationId`'s jobs); ties by candidate id.
 */
export async function rankWithSql(
  db: Db,
  q: IndexQuery & { organizationId: string | null },
): Promise<IndexHit[]> {
  const routes: { req: number; skill_id: string; factor: number; full_match: boolean }[] = [];
  const reqs: { req: number; importance: number; must: boolean; threshold: number; cutoff: number | null }[] =
    [];
  q.requirements.forEach((r, i) => {
    reqs.push({
      req: i,
      importance: r.importance,
      must: r.mustBit >= 0,
      threshold: r.threshold,
      cutoff: r.cutoffDay,
    });
    for (const route of r.routes)
      routes.push({ req: i, skill_id: route.skillId, factor: route.factor, full_match: route.full });
  });
  const nMust = reqs.filter((r) => r.must).length;
  const strength = q.verifiedOnly ? sql.raw('s.verified_strength') : sql.raw('s.strength');
  const day = q.verifiedOnly ? sql.raw('s.last_verified_day') : sql.raw('s.last_evidence_day');
  const shown = q.organizationId
    ? visibleToOrganization(sql`c`, sql`${q.organizationId}::uuid`)
    : sql`c.visibility = 'public'`;
  const result = await db.execute(sql`
    WITH routes AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(routes)}::jsonb)
        AS r(req int, skill_id text, factor int, full_match boolean)
    ), reqs AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(reqs)}::jsonb)
        AS q(req int, importance int, must boolean, threshold int, cutoff int)
    ), hits AS (
      SELECT s.candidate_id, r.req, max(r.factor * ${strength}) AS v,
             bool_or(r.full_match AND ${strength} >= q.threshold) AS full_ok
      FROM routes r
      JOIN reqs q ON q.req = r.req
      JOIN candidate_skill_strengths s ON s.skill_id = r.skill_id
      WHERE ${strength} > 0 AND (q.cutoff IS NULL OR ${day} >= q.cutoff)
      GROUP BY s.candidate_id, r.req
    ), scored AS (
      SELECT h.candidate_id, sum(q.importance * h.v)::bigint AS points,
             count(*) FILTER (WHERE q.must AND h.full_ok) AS musts
      FROM hits h JOIN reqs q ON q.req = h.req
      GROUP BY h.candidate_id
    )
    SELECT sc.candidate_id::text AS candidate_id, sc.points::text AS points, sc.musts::int AS musts
    FROM scored sc JOIN candidates c ON c.id = sc.candidate_id
    WHERE sc.points > 0
      AND ${shown}
      ${q.mustHavesOnly ? sql`AND sc.musts = ${nMust}` : sql``}
    ORDER BY sc.points DESC, sc.candidate_id ASC
    LIMIT ${q.limit}
  `);
  return rowsOf<{ candidate_id: string; points: string; musts: number }>(result).map((r) => ({
    candidateId: r.candidate_id,
    points: Number(r.points),
    mustHavesMet: Number(r.musts) === nMust,
  }));
}

const CREDENTIAL_STATUSES = new Set([
  'verified',
  'invalid',
  'expired',
  'not_yet_valid',
  'revoked',
  'unverifiable',
]);
const KEY_BINDINGS = new Set(['confirmed', 'unconfirmed', 'none']);

/**
 * Skill evidence of the given candidates joined with the credential facts the strength function reads. Evidence
 * whose credential row is gone counts as nothing (status 'invalid'); evidence without a credential is self-declared.
 */
export async function loadSkillEvidence(
  db: DbOrTx,
  candidateIds: readonly string[],
): Promise<CandidateSkillEvidence[]> {
  if (candidateIds.length === 0) return [];
  const rows = rowsOf<EvidenceRow>(
    await db.execute(sql`
      SELECT e.candidate_id::text AS candidate_id, e.skill_id, e.state::text AS state, e.confidence, e.method,
             e.credential_id::text AS credential_id, (c.id IS NOT NULL) AS found, c.status, c.key_binding,
             c.issuer_trusted, c.issuer_id, c.issuer_name, c.achievement_name, c.issued_at, c.valid_until,
             coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(c.achievement->'resultDescriptions') = 'array'
               THEN c.achievement->'resultDescriptions' END), 0) > 0 AS has_results,
             coalesce(c.achievement->>'criteriaNarrative', '') <> '' AS has_criteria,
             c.achievement->>'achievementType' AS achievement_type
      FROM candidate_skill_evidence e
      LEFT JOIN credentials c ON c.id = e.credential_id
      WHERE e.candidate_id IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify([...candidateIds])}::json))
      ORDER BY e.candidate_id, e.skill_id, e.credential_id, e.field`),
  );
  return rows.map(evidenceFromRow);
}

interface EvidenceRow {
  candidate_id: string;
  skill_id: string;
  state: CandidateSkillEvidence['state'];
  confidence: number;
  method: string;
  credential_id: string | null;
  found: boolean | null;
  status: string | null;
  key_binding: string | null;
  issuer_trusted: boolean | null;
  issuer_id: string | null;
  issuer_name: string | null;
  achievement_name: string | null;
  issued_at: string | Date | null;
  valid_until: string | Date | null;
  has_results: boolean | null;
  has_criteria: boolean | null;
  achievement_type: string | null;
}

const toDate = (v: string | Date | null) => (v === null ? null : v instanceof Date ? v : new Date(v));

/** One evidence row (from SQL columns or the same keys in JSON) as the ranking domain reads it. */
function evidenceFromRow(r: EvidenceRow): CandidateSkillEvidence {
  return {
    candidateId: r.candidate_id,
    skillId: r.skill_id,
    state: r.state,
    confidence: Number(r.confidence),
    method: r.method,
    credential:
      r.credential_id === null
        ? null
        : {
            id: r.credential_id,
            status: (r.found && r.status && CREDENTIAL_STATUSES.has(r.status)
              ? r.status
              : 'invalid') as never,
            keyBinding: (r.key_binding && KEY_BINDINGS.has(r.key_binding) ? r.key_binding : 'none') as never,
            issuerTrusted: r.issuer_trusted === true,
            issuerId: r.issuer_id,
            issuerName: r.issuer_name,
            achievementName: r.achievement_name,
            issuedAt: toDate(r.issued_at),
            validUntil: toDate(r.valid_until),
            hasResults: r.has_results === true,
            hasCriteria: r.has_criteria === true,
            achievementType: r.achievement_type,
          },
  };
}

/**
 * For the ranking list: the given candidates that are visible to the organization (the consent contract of
 * `visibleCandidateIds`), each with its card and its skill evidence (the rows `loadSkillEvidence` returns, in the
 * same order), in one statement with one row per candidate — the evidence comes as one JSON array, which Node
 * parses natively instead of column by column.
 *
 * @param evidenceSkills when given, only the evidence of these skills of each candidate (none for a candidate
 *   it does not name): a list scored from the ranking index needs evidence only where a gap names what the
 *   candidate holds instead.
 */
export async function loadVisibleRankingCandidates(
  db: DbOrTx,
  organizationId: string,
  candidateIds: readonly string[],
  evidenceSkills?: ReadonlyMap<string, readonly string[]>,
): Promise<{
  cards: Map<string, { displayName: string; headline: string }>;
  evidence: CandidateSkillEvidence[];
}> {
  const cards = new Map<string, { displayName: string; headline: string }>();
  const evidence: CandidateSkillEvidence[] = [];
  if (candidateIds.length === 0) return { cards, evidence };
  const rows = rowsOf<{ id: string; display_name: string; headline: string; evidence: unknown }>(
    await db.execute(sql`
      SELECT c.id::text AS id, c.display_name, c.headline,
        (SELECT coalesce(json_agg(json_build_object(
            'candidate_id', e.candidate_id, 'skill_id', e.skill_id, 'state', e.state, 'confidence', e.confidence,
            'method', e.method, 'credential_id', e.credential_id, 'found', (cr.id IS NOT NULL), 'status', cr.status,
            'key_binding', cr.key_binding, 'issuer_trusted', cr.issuer_trusted, 'issuer_id', cr.issuer_id,
            'issuer_name', cr.issuer_name, 'achievement_name', cr.achievement_name, 'issued_at', cr.issued_at,
            'valid_until', cr.valid_until,
            'has_results', coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(cr.achievement->'resultDescriptions') = 'array'
              THEN cr.achievement->'resultDescriptions' END), 0) > 0,
            'has_criteria', coalesce(cr.achievement->>'criteriaNarrative', '') <> '',
            'achievement_type', cr.achievement->>'achievementType'
          ) ORDER BY e.skill_id, e.credential_id, e.field), '[]'::json)
         FROM candidate_skill_evidence e
         LEFT JOIN credentials cr ON cr.id = e.credential_id
         WHERE e.candidate_id = c.id${
           evidenceSkills
             ? sql` AND e.skill_id IN (SELECT json_array_elements_text(${JSON.stringify(
                 Object.fromEntries(evidenceSkills),
               )}::json -> c.id::text))`
             : sql``
         }) AS evidence
      FROM candidates c
      WHERE c.id IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify([...candidateIds])}::json))
        AND ${visibleToOrganization(sql`c`, sql`${organizationId}`)}
      ORDER BY c.id`),
  );
  for (const row of rows) {
    cards.set(row.id, { displayName: row.display_name, headline: row.headline });
    const list = (
      typeof row.evidence === 'string' ? JSON.parse(row.evidence) : row.evidence
    ) as EvidenceRow[];
    for (const r of list) evidence.push(evidenceFromRow(r));
  }
  return { cards, evidence };
}

/** Candidate ids in id order after `after` (for batched recomputation of every profile). */
export async function candidateIdPage(db: DbOrTx, after: string | null, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: candidates.id })
    .from(candidates)
    .where(after ? sql`${candidates.id} > ${after}::uuid` : undefined)
    .orderBy(candidates.id)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** The day the stored strengths were computed for (the newest), or null when the table is empty. */
export async function strengthsAsOfDay(db: DbOrTx): Promise<number | null> {
  const [row] = await db
    .select({ day: sql<number | null>`max(${candidateSkillStrengths.asOfDay})` })
    .from(candidateSkillStrengths);
  return row?.day === null || row?.day === undefined ? null : Number(row.day);
}

/**
 * Achievements known to the system that certify each skill: verified credentials whose evidence maps to the skill
 * through an explicit alignment or a confirmed mapping, grouped by achievement name and issuer.
 */
export async function knownAchievements(
  db: DbOrTx,
  skillIds: readonly string[],
): Promise<Map<string, KnownAchievement[]>> {
  const out = new Map<string, KnownAchievement[]>();
  if (skillIds.length === 0) return out;
  const rows = rowsOf<{
    skill_id: string;
    achievement_name: string;
    issuer_name: string | null;
    holders: number | string;
  }>(
    await db.execute(sql`
      SELECT e.skill_id, c.achievement_name, c.issuer_name, count(DISTINCT c.candidate_id) AS holders
      FROM candidate_skill_evidence e
      JOIN credentials c ON c.id = e.credential_id
      WHERE e.skill_id IN (SELECT value FROM json_array_elements_text(${JSON.stringify([...new Set(skillIds)])}::json))
        AND c.status = 'verified' AND e.state <> 'rejected' AND (e.method = 'alignment' OR e.state = 'confirmed')
      GROUP BY e.skill_id, c.achievement_name, c.issuer_name
      ORDER BY e.skill_id, holders DESC, c.achievement_name, c.issuer_name`),
  );
  for (const r of rows) {
    const list = out.get(r.skill_id) ?? [];
    list.push({
      skillId: r.skill_id,
      achievementName: r.achievement_name,
      issuerName: r.issuer_name,
      holders: Number(r.holders),
    });
    out.set(r.skill_id, list);
  }
  return out;
}
