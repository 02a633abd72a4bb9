/**
 * Loads a throwaway database for the HTTP load test: the demo organizations and users (the product's own seed,
 * with N demo candidates), then for those candidates synthetic skills from real ESCO occupation profiles
 * (bench/generate.ts): search documents through the real document builder and the Postgres engine's writer,
 * ranking-profile rows (candidate_skill_strengths), and one 20-skill job per demo organization.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { createDb, type Db } from '@/db/client';
import {
  candidates,
  candidateSkillStrengths,
  jobs,
  jobSkills,
  jobVersions,
  organizations,
  skills,
  users,
} from '@/db/schema';
import { buildSearchDocument, type SearchSourceSkill } from '@/server/domain/search/search-document';
import { createPostgresSearchIndex } from '@/server/adapters/search/postgres.search';
import {
  BENCH_TODAY_DAY,
  loadSkillUniverse,
  syntheticCandidates,
  syntheticJobs,
  type SkillUniverse,
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

export interface LoadDataReport {
  candidates: number;
  searchDocuments: number;
  strengthRows: number;
  jobs: { organizationSlug: string; jobId: string; skills: number }[];
  skillSource: string;
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
    let docs = 0;
    let strengthRows = 0;
    const batch = 1000;
    for (let start = 0; start < rows.length; start += batch) {
      const slice = rows.slice(start, start + batch);
      const documents = [];
      const strengthBatch: (typeof candidateSkillStrengths.$inferInsert)[] = [];
      for (const c of slice) {
        const synthetic = gen.next().value!;
        const credId = `${c.id}-cred`;
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
              id: credId,
              status: 'verified',
              issuerName: 'Skillgraph Demo Academy',
              achievementName: `${taxonomy.get(synthetic.rows[0]?.skillId ?? '')?.label ?? 'Skills'} certificate`,
              updatedAt: null,
            },
          ],
          evidence: synthetic.rows.map((r: { skillId: string }) => ({
            skillId: r.skillId,
            credentialId: credId,
            confidence: 0.9,
            state: 'confirmed' as const,
          })),
          skills: taxonomy,
        } as Parameters<typeof buildSearchDocument>[0]);
        if (doc) documents.push(doc);
        for (const r of synthetic.rows) {
          strengthBatch.push({
            candidateId: c.id,
            skillId: r.skillId,
            strength: r.strength,
            verifiedStrength: r.verifiedStrength,
            lastEvidenceDay: r.lastEvidenceDay,
            lastVerifiedDay: r.lastVerifiedDay,
            asOfDay: BENCH_TODAY_DAY,
          });
        }
      }
      if (documents.length) await index.upsert(documents);
      for (let i = 0; i < strengthBatch.length; i += 2000) {
        await db
          .insert(candidateSkillStrengths)
          .values(strengthBatch.slice(i, i + 2000))
          .onConflictDoNothing();
      }
      docs += documents.length;
      strengthRows += strengthBatch.length;
      if ((start / batch) % 10 === 0)
        log(`  loaded ${Math.min(rows.length, start + batch)}/${rows.length} candidates`);
    }
    // The seed queued every candidate for (re)indexing; their documents were just written directly from the
    // synthetic skills, so the queue is settled here — otherwise the app's worker would rebuild them during the
    // measurement (from candidates that have no credentials) and compete with the load for CPU.
    await db.execute(sql`UPDATE outbox SET processed_at = now() WHERE processed_at IS NULL`);
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
    const known = new Set(
      (
        await db
          .select({ id: skills.id })
          .from(skills)
          .where(
            inArray(
              skills.id,
              spec.requirements.map((r) => r.skillId),
            ),
          )
      ).map((r) => r.id),
    );
    const reqs = spec.requirements.filter((r) => known.has(r.skillId));
    for (const org of orgs) {
      if (reqs.length === 0) break;
      const [job] = await db
        .insert(jobs)
        .values({ organizationId: org.id, createdBy: creator?.id ?? null })
        .returning({ id: jobs.id });
      const [version] = await db
        .insert(jobVersions)
        .values({
          jobId: job.id,
          version: 1,
          title: 'Load-test role (20 popular skills)',
          description: 'Synthetic job for the HTTP load test.',
          createdBy: creator?.id ?? null,
        })
        .returning({ id: jobVersions.id });
      await db.insert(jobSkills).values(
        reqs.map((r, position) => ({
          jobVersionId: version.id,
          skillId: r.skillId,
          position,
          label: r.label,
          importance: r.importance,
          mustHave: r.mustHave,
        })),
      );
      jobsOut.push({ organizationSlug: org.slug, jobId: job.id, skills: reqs.length });
    }
    return {
      candidates: rows.length,
      searchDocuments: docs,
      strengthRows,
      jobs: jobsOut,
      skillSource: universe.source,
    };
  } finally {
    await handle.close();
  }
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
