/**
 * Loads a throwaway database for the HTTP load test: the demo organizations and users (the product's own seed,
 * with N demo candidates), then for those candidates synthetic skills from real ESCO occupation profiles
 * (bench/generate.ts): search documents through the real document builder and the Postgres engine's writer,
 * ranking-profile rows (candidate_skill_strengths), and one 20-skill job per demo organization; the ranking
 * scenario's working-set jobs (`ensureWorkingSetJobs`) and candidate changes (`startCandidateChanges`).
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { createDb, rowsOf, type Db } from '@/db/client';
import {
  candidates,
  candidateSkillEvidence,
  jobs,
  jobSkills,
  jobVersions,
  organizations,
  rateLimitCounters,
  skills,
  users,
} from '@/db/schema';
import { buildSearchDocument, type SearchSourceSkill } from '@/server/domain/search/search-document';
import { createPostgresSearchIndex } from '@/server/adapters/search/postgres.search';
import { createRankingService } from '@/server/services/ranking.service';
import { createLogger } from '@/server/logger';
import { enqueueCandidateChange } from '@/server/services/outbox';
import {
  loadSkillUniverse,
  syntheticCandidates,
  syntheticJobs,
  type SkillUniverse,
  type SyntheticJob,
} from '@/bench/generate';

function searchTaxonomy(universe: SkillUniverse): Map<string, SearchSourceSkill> {
  const ancestors = new Map<string, string[]>();
  const walk = (id: string, seen: Set<string>): string[] => {
    const cached = ancestors.get(id);
    if (cached) return cached;
    const out = new Set<string>();
    for (const parent of universe.broader.get(id) ?? []) {
      if (seen.has(parent)) continue;
      out.add(parent);
      for (const g of walk(parent, new Set([...seen, parent]))) out.add(g);
    }
    const list = [...out];
    ancestors.set(id, list);
    return list;
  };
  const map = new Map<string, SearchSourceSkill>();
  for (const [id, label] of universe.labelOf)
    map.set(id, { label, altLabels: [], ancestorIds: walk(id, new Set([id])) });
  return map;
}

/** Ids of one verified and one unverifiable credential from the demo seed, copied for synthetic candidates. */
async function credentialTemplates(db: Db): Promise<{ verified: string; unverified: string }> {
  const pick = async (status: string) =>
    rowsOf<{ id: string }>(
      await db.execute(
        sql`SELECT id::text AS id FROM credentials WHERE status = ${status} ORDER BY id LIMIT 1`,
      ),
    )[0]?.id;
  const verified = await pick('verified');
  const unverified = (await pick('unverifiable')) ?? verified;
  if (!verified)
    throw new Error('the demo seed created no verified credential to copy (seed at least 300 candidates)');
  return { verified, unverified: unverified! };
}

export interface LoadDataReport {
  candidates: number;
  searchDocuments: number;
  evidenceRows: number;
  strengthRows: number;
  jobs: { organizationSlug: string; jobId: string; skills: number }[];
  skillSource: string;
}

/**
 * Adds `count` candidates (with their candidate users) in one set-based insert each: the upload-pipeline seed
 * takes ~24 ms per candidate, so a 100k-candidate load database is built from a few thousand seeded
 * candidates plus these. Public, available, deterministic names; their skills come from
 * `loadSyntheticSkills` like every other candidate's.
 */
export async function addBulkCandidates(databaseUrl: string, count: number): Promise<number> {
  if (count <= 0) return 0;
  const handle = await createDb({ url: databaseUrl, max: 1 });
  try {
    return await handle.db.transaction(async (tx) => {
      await tx.execute(sql`
        INSERT INTO users (id, name, email, role)
        SELECT 'load-candidate-' || n, 'Load Candidate ' || n, 'load-candidate-' || n || '@load.skillgraph.test',
          'candidate'
        FROM generate_series(1, ${count}::int) AS n
      `);
      const inserted = await tx.execute(sql`
        INSERT INTO candidates (user_id, display_name, headline, location, availability, visibility)
        SELECT 'load-candidate-' || n, 'Load Candidate ' || n, 'Synthetic candidate for the load test',
          (ARRAY['Berlin','Paris','Madrid','Remote','Vienna','Lisbon'])[1 + n % 6],
          (ARRAY['immediately','within_month','within_quarter','not_looking'])[1 + n % 4]::availability,
          'public'
        FROM generate_series(1, ${count}::int) AS n
        RETURNING id
      `);
      return rowsOf(inserted).length;
    });
  } finally {
    await handle.close();
  }
}

/** Fills search documents, ranking profiles and jobs for every candidate already in the database. */
export async function loadSyntheticSkills(
  databaseUrl: string,
  log: (m: string) => void,
): Promise<LoadDataReport> {
  const handle = await createDb({ url: databaseUrl, max: 4 });
  const db: Db = handle.db;
  try {
    const universe = loadSkillUniverse();
    const taxonomy = searchTaxonomy(universe);
    const rows = await db
      .select({
        id: candidates.id,
        displayName: candidates.displayName,
        headline: candidates.headline,
        location: candidates.location,
        availability: candidates.availability,
        visibility: candidates.visibility,
      })
      .from(candidates)
      .orderBy(candidates.id);
    const index = createPostgresSearchIndex(db);
    const gen = syntheticCandidates(universe, rows.length, 11);
    // Every synthetic skill is backed by evidence on a credential, as uploads produce it: the ranking service
    // explains scores from evidence, so strengths written without it would rank candidates it then drops.
    // Credential rows copy a real seeded credential (one verified, one unverifiable) with a new owner.
    const templates = await credentialTemplates(db);
    let docs = 0;
    let evidenceRows = 0;
    const batch = 1000;
    for (let start = 0; start < rows.length; start += batch) {
      const slice = rows.slice(start, start + batch);
      const documents = [];
      const credentialRows: { id: string; candidateId: string; template: string; name: string }[] = [];
      const evidence: (typeof candidateSkillEvidence.$inferInsert)[] = [];
      for (const c of slice) {
        const synthetic = gen.next().value!;
        const verifiedId = randomUUID();
        const unverifiedId = randomUUID();
        const achievement = `${taxonomy.get(synthetic.rows[0]?.skillId ?? '')?.label ?? 'Skills'} certificate`;
        credentialRows.push({
          id: verifiedId,
          candidateId: c.id,
          template: templates.verified,
          name: achievement,
        });
        credentialRows.push({
          id: unverifiedId,
          candidateId: c.id,
          template: templates.unverified,
          name: `${achievement} (self-reported)`,
        });
        const evidenceOf = synthetic.rows.map(
          (r: { skillId: string; strength: number; verifiedStrength: number }) => ({
            skillId: r.skillId,
            credentialId: r.verifiedStrength > 0 ? verifiedId : unverifiedId,
            // strengths are per mille in 150..1000: spread mapping confidence over 0.55..1
            confidence: Math.min(1, 0.55 + (0.45 * r.strength) / 1000),
            state: 'confirmed' as const,
          }),
        );
        for (const e of evidenceOf) {
          evidence.push({
            candidateId: c.id,
            skillId: e.skillId,
            credentialId: e.credentialId,
            field: 'alignment',
            span: taxonomy.get(e.skillId)?.label ?? e.skillId,
            method: 'alignment',
            confidence: e.confidence,
            state: e.state,
          });
        }
        const doc = buildSearchDocument({
          candidate: {
            id: c.id,
            displayName: c.displayName,
            headline: c.headline ?? '',
            location: c.location ?? '',
            availability: c.availability,
            visibility: c.visibility,
            updatedAt: new Date(Date.UTC(2025, 6, 1)),
          },
          appliedOrganizationIds: [],
          credentials: [
            {
              id: verifiedId,
              status: 'verified',
              issuerName: 'Skillgraph Demo Academy',
              achievementName: achievement,
              updatedAt: null,
            },
            {
              id: unverifiedId,
              status: 'unverifiable',
              issuerName: 'Skillgraph Demo Academy',
              achievementName: `${achievement} (self-reported)`,
              updatedAt: null,
            },
          ],
          evidence: evidenceOf,
          skills: taxonomy,
        } as Parameters<typeof buildSearchDocument>[0]);
        if (doc) documents.push(doc);
      }
      await db.transaction(async (tx) => {
        await tx.execute(sql`
          INSERT INTO credentials (id, candidate_id, content_hash, raw, media_type, format, status, key_binding,
            revocation, issuer_trusted, issuer_id, issuer_name, achievement_name, achievement, normalized, checks,
            subject_id, issued_at, valid_from, valid_until, source_file, source_path, upload_id)
          SELECT n.id, n.candidate_id, 'load:' || n.id, t.raw, t.media_type, t.format, t.status, t.key_binding,
            t.revocation, t.issuer_trusted, t.issuer_id, t.issuer_name, n.name,
            jsonb_set(t.achievement, '{name}', to_jsonb(n.name)), t.normalized, t.checks, t.subject_id, t.issued_at,
            t.valid_from, t.valid_until, 'load-test-synthetic.json', 'load-test-synthetic.json', t.upload_id
          FROM jsonb_to_recordset(${JSON.stringify(
            credentialRows.map((r) => ({
              id: r.id,
              candidate_id: r.candidateId,
              template: r.template,
              name: r.name,
            })),
          )}::jsonb) AS n(id uuid, candidate_id uuid, template uuid, name text)
          JOIN credentials t ON t.id = n.template
        `);
        for (let i = 0; i < evidence.length; i += 2000) {
          await tx
            .insert(candidateSkillEvidence)
            .values(evidence.slice(i, i + 2000))
            .onConflictDoNothing();
        }
      });
      if (documents.length) await index.upsert(documents);
      docs += documents.length;
      evidenceRows += evidence.length;
      if ((start / batch) % 10 === 0)
        log(`  loaded ${Math.min(rows.length, start + batch)}/${rows.length} candidates`);
    }
    // The seed queued every candidate for (re)indexing; their documents were just written directly from the
    // synthetic skills, so the queue is settled here — otherwise the app's worker would rebuild them during the
    // measurement and compete with the load for CPU.
    await db.execute(sql`UPDATE outbox SET processed_at = now() WHERE processed_at IS NULL`);
    // Strengths as of today from that evidence, by the ranking service itself: the app then finds its
    // profiles current at start instead of recomputing 100k candidates inside the measurement.
    log('  computing ranking profiles from the evidence (ranking service rebuild)');
    const rebuilt = await createRankingService(db, {
      useIndex: false,
      log: createLogger(undefined, 'warn'),
    }).rebuild({
      recompute: true,
    });
    const [{ n: strengthRows }] = rowsOf<{ n: number | string }>(
      await db.execute(sql`SELECT count(*) AS n FROM candidate_skill_strengths`),
    );
    log(`  ranking profiles: ${Number(strengthRows)} rows in ${(rebuilt.ms / 1000).toFixed(1)} s`);
    await db.execute(sql`ANALYZE`);

    // One 20-skill job per demo organization, from popular skills (the worst case for ranking).
    const jobsOut: LoadDataReport['jobs'] = [];
    const orgs = await db.select({ id: organizations.id, slug: organizations.slug }).from(organizations);
    const [creator] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.role, 'hiring_manager'))
      .limit(1);
    const [spec] = syntheticJobs(universe, 1, 'popular', 5);
    for (const org of orgs) {
      const jobId = await createLoadJob(db, org.id, creator?.id ?? null, LOAD_JOB_TITLE, spec.requirements);
      if (!jobId) break;
      jobsOut.push({ organizationSlug: org.slug, jobId, skills: await jobSkillCount(db, jobId) });
    }
    return {
      candidates: rows.length,
      searchDocuments: docs,
      evidenceRows,
      strengthRows: Number(strengthRows),
      jobs: jobsOut,
      skillSource: universe.source,
    };
  } finally {
    await handle.close();
  }
}

const LOAD_JOB_TITLE = 'Load-test role (20 popular skills)';
const WORKING_SET_JOB_TITLE = 'Load-test working-set role';

/** A job (version 1) with the requirements whose skills the taxonomy knows; null when it knows none. */
async function createLoadJob(
  db: Db,
  organizationId: string,
  createdBy: string | null,
  title: string,
  requirements: SyntheticJob['requirements'],
): Promise<string | null> {
  const known = new Set(
    (
      await db
        .select({ id: skills.id })
        .from(skills)
        .where(
          inArray(
            skills.id,
            requirements.map((r) => r.skillId),
          ),
        )
    ).map((r) => r.id),
  );
  const reqs = requirements.filter((r) => known.has(r.skillId));
  if (reqs.length === 0) return null;
  return db.transaction(async (tx) => {
    const [job] = await tx.insert(jobs).values({ organizationId, createdBy }).returning({ id: jobs.id });
    const [version] = await tx
      .insert(jobVersions)
      .values({
        jobId: job.id,
        version: 1,
        title,
        description: 'Synthetic job for the HTTP load test.',
        createdBy,
      })
      .returning({ id: jobVersions.id });
    await tx.insert(jobSkills).values(
      reqs.map((r, position) => ({
        jobVersionId: version.id,
        skillId: r.skillId,
        position,
        label: r.label,
        importance: r.importance,
        mustHave: r.mustHave,
      })),
    );
    return job.id;
  });
}

async function jobSkillCount(db: Db, jobId: string): Promise<number> {
  const [{ n }] = rowsOf<{ n: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS n FROM job_skills s JOIN job_versions v ON v.id = s.job_version_id
      WHERE v.job_id = ${jobId}::uuid`),
  );
  return Number(n);
}

/**
 * The organization's working-set jobs for the ranking load (`count` distinct 20-skill jobs from popular skills, as
 * many hiring managers would each rank their own), created on first use and reused by later runs.
 */
export async function ensureWorkingSetJobs(
  databaseUrl: string,
  universe: SkillUniverse,
  organizationSlug: string,
  count: number,
): Promise<string[]> {
  const handle = await createDb({ url: databaseUrl, max: 1 });
  try {
    const db = handle.db;
    const [org] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, organizationSlug))
      .limit(1);
    if (!org) throw new Error(`organization ${organizationSlug} is not seeded`);
    const existing = rowsOf<{ job_id: string }>(
      await db.execute(sql`
        SELECT j.id::text AS job_id FROM jobs j JOIN job_versions v ON v.job_id = j.id
        WHERE j.organization_id = ${org.id} AND v.title LIKE ${WORKING_SET_JOB_TITLE + ' %'}
        ORDER BY v.title`),
    ).map((r) => r.job_id);
    if (existing.length >= count) return existing.slice(0, count);
    const [creator] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.role, 'hiring_manager'))
      .limit(1);
    const specs = syntheticJobs(universe, count, 'popular', 7);
    for (let i = existing.length; i < count; i++) {
      const title = `${WORKING_SET_JOB_TITLE} ${String(i + 1).padStart(2, '0')}`;
      const jobId = await createLoadJob(db, org.id, creator?.id ?? null, title, specs[i].requirements);
      if (jobId) existing.push(jobId);
    }
    return existing;
  } finally {
    await handle.close();
  }
}

/**
 * Candidate changes while the load runs, written the way the app writes them: each one, in one transaction, turns
 * one skill mapping of a random candidate between confirmed and proposed (a candidate reviewing their skills;
 * a proposed mapping counts with its confidence, so the strength changes) and enqueues the candidate in the
 * outbox. The app's outbox worker then updates the search document and the ranking profile, and every ranking
 * list the change can reach is dropped from the list cache.
 */
export async function startCandidateChanges(
  databaseUrl: string,
  perSecond: number,
): Promise<{ stop: () => Promise<{ changes: number; failed: number }> }> {
  const handle = await createDb({ url: databaseUrl, max: 1 });
  const ids = rowsOf<{ id: string }>(
    await handle.db.execute(sql`
      SELECT c.id::text AS id FROM candidates c
      WHERE EXISTS (SELECT 1 FROM candidate_skill_evidence e WHERE e.candidate_id = c.id)
      ORDER BY md5(c.id::text) LIMIT 5000`),
  ).map((r) => r.id);
  let changes = 0;
  let failed = 0;
  let stopped = false;
  const run = (async () => {
    if (perSecond <= 0 || ids.length === 0) return;
    const interval = 1000 / perSecond;
    for (let i = 0; !stopped; i++) {
      const started = Date.now();
      const candidateId = ids[(i * 7919) % ids.length];
      try {
        await handle.db.transaction(async (tx) => {
          await tx.execute(sql`
            UPDATE candidate_skill_evidence SET state = (CASE state WHEN 'confirmed' THEN 'proposed' ELSE 'confirmed' END)::skill_evidence_state
            WHERE ctid = (SELECT ctid FROM candidate_skill_evidence WHERE candidate_id = ${candidateId}::uuid
              AND state <> 'rejected' ORDER BY skill_id LIMIT 1)`);
          await enqueueCandidateChange(tx, candidateId, 'load: skill mapping reviewed');
        });
        changes++;
      } catch {
        failed++;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, interval - (Date.now() - started))));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await run;
      await handle.close();
      return { changes, failed };
    },
  };
}

/** Adds `count` demo users of a role in an organization (load-test sign-ins), returning their e-mails. */
export async function createLoadUsers(
  databaseUrl: string,
  role: 'recruiter' | 'hiring_manager',
  organizationSlug: string,
  count: number,
): Promise<string[]> {
  const handle = await createDb({ url: databaseUrl, max: 1 });
  try {
    const [org] = await handle.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, organizationSlug))
      .limit(1);
    if (!org) throw new Error(`organization ${organizationSlug} is not seeded`);
    const emails = Array.from(
      { length: count },
      (_, i) => `load-${role}-${i}@${organizationSlug}.load.skillgraph.dev`,
    );
    await handle.db
      .insert(users)
      .values(
        emails.map((email, i) => ({
          email,
          name: `Load ${role} ${i}`,
          role,
          organizationId: org.id,
          isDemo: 1,
        })),
      )
      .onConflictDoNothing({ target: users.email });
    return emails;
  } finally {
    await handle.close();
  }
}

/** The load jobs and candidate count of a database loaded earlier (`load:http --reuse-db`). */
export async function existingLoadJobs(
  databaseUrl: string,
): Promise<{ candidates: number; jobs: LoadDataReport['jobs'] }> {
  const handle = await createDb({ url: databaseUrl, max: 1 });
  try {
    const [{ n }] = rowsOf<{ n: number }>(
      await handle.db.execute(sql`SELECT count(*)::int AS n FROM candidates`),
    );
    const rows = rowsOf<{ slug: string; job_id: string; skills: number }>(
      await handle.db.execute(sql`
        SELECT o.slug, j.id::text AS job_id, count(s.*)::int AS skills
        FROM jobs j
        JOIN organizations o ON o.id = j.organization_id
        JOIN job_versions v ON v.job_id = j.id
        JOIN job_skills s ON s.job_version_id = v.id
        WHERE v.title = ${LOAD_JOB_TITLE}
        GROUP BY o.slug, j.id
        ORDER BY o.slug, j.id`),
    );
    if (rows.length === 0)
      throw new Error('the database holds no load-test job: was it loaded by load:http?');
    return {
      candidates: Number(n),
      jobs: rows.map((r) => ({ organizationSlug: r.slug, jobId: r.job_id, skills: Number(r.skills) })),
    };
  } finally {
    await handle.close();
  }
}

/**
 * Empties the rate-limit counters of a reused load database: every run signs the same users in again, and
 * sign-in is limited to 5 per e-mail per 15 minutes.
 */
export async function resetRateLimits(databaseUrl: string): Promise<void> {
  const handle = await createDb({ url: databaseUrl, max: 1 });
  try {
    await handle.db.delete(rateLimitCounters);
  } finally {
    await handle.close();
  }
}
