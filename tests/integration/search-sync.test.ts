import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { applications, candidates, credentials, jobs, outbox } from '@/db/schema';
import { seedStarterTaxonomy } from '@/db/seed/starter-taxonomy';
import { createSearchDocumentRepo } from '@/server/adapters/db/search-document.repo';
import { createSearchOutboxRepo } from '@/server/adapters/db/search-outbox.repo';
import { createPostgresSearchIndex } from '@/server/adapters/search/postgres.search';
import type { AchievementData } from '@/server/domain/credentials/model';
import type { CredentialStatus } from '@/server/domain/search/search-document';
import type { SearchIndex } from '@/server/ports/search-index';
import { enqueueCandidateChange } from '@/server/services/outbox';
import { mapCredentialSkills } from '@/server/services/skill-mapping.service';
import {
  createSearchSync,
  rebuildSearchIndex,
  startInProcessWorker,
} from '@/server/services/search-sync.service';
import { createActor, createOrganization } from '@/tests/helpers/actors';
import { createTestDb, type TestDb } from '@/tests/helpers/db';

/** The real Postgres engine behind a switch that makes every call fail, as an unreachable engine would. */
function switchableEngine(engine: SearchIndex) {
  const state = { down: false, calls: 0 };
  const guard = <T>(fn: () => Promise<T>) => {
    state.calls++;
    if (state.down) return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:7700'));
    return fn();
  };
  const index: SearchIndex = {
    ...engine,
    upsert: (documents) => guard(() => engine.upsert(documents)),
    delete: (ids) => guard(() => engine.delete(ids)),
    search: (query, scope) => guard(() => engine.search(query, scope)),
  };
  return { index, state };
}

const KUBERNETES: AchievementData = {
  name: 'Certified Kubernetes Administrator',
  description: 'Operates Kubernetes clusters and Docker containers in production.',
  tags: [],
  alignments: [{ targetName: 'Kubernetes', targetFramework: 'Skillgraph starter', targetCode: 'kubernetes' }],
  resultDescriptions: [],
};
const PYTHON: AchievementData = {
  name: 'Python Programming Certificate',
  description: 'Wrote Python scripts and data pipelines.',
  tags: ['Python'],
  alignments: [{ targetName: 'Python', targetFramework: 'Skillgraph starter', targetCode: 'python' }],
  resultDescriptions: [],
};

/** An upload as the ingest service does it: credential, skill mapping and outbox row in one transaction. */
async function upload(
  db: Db,
  candidateId: string,
  achievement: AchievementData,
  status: CredentialStatus = 'verified',
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(credentials)
      .values({
        candidateId,
        contentHash: randomUUID(),
        raw: '{}',
        mediaType: 'application/json',
        format: 'ob3',
        status,
        keyBinding: 'none',
        revocation: 'none',
        issuerName: 'Cloud Native Academy',
        achievementName: achievement.name,
        achievement,
        normalized: {} as never,
        checks: [],
        sourceFile: 'wallet.json',
        sourcePath: 'wallet.json',
        uploadId: randomUUID(),
      })
      .returning({ id: credentials.id });
    await mapCredentialSkills(tx, { candidateId, credentialId: row.id, achievement });
    await enqueueCandidateChange(tx, candidateId, 'credential_added');
    return row.id;
  });
}

async function newCandidate(
  db: Db,
  name: string,
  visibility: 'public' | 'applied_only' | 'hidden' = 'public',
) {
  const actor = await createActor(db, 'candidate', { name, visibility });
  await db.transaction((tx) => enqueueCandidateChange(tx, actor.candidateId!, 'profile_created'));
  return actor.candidateId!;
}

describe('search sync from the outbox', () => {
  let t: TestDb;
  let engine: SearchIndex;
  let switchable: ReturnType<typeof switchableEngine>;
  const source = () => createSearchDocumentRepo(t.db);
  const outboxRepo = () => createSearchOutboxRepo(t.db, { baseMs: 1, maxMs: 5 });
  const sync = (listener?: (ids: string[]) => void) =>
    createSearchSync({
      index: switchable.index,
      outbox: outboxRepo(),
      source: source(),
      onCandidatesChanged: listener,
    });

  /** The index holds exactly the documents the database implies, for every candidate. */
  async function expectIndexEqualsDatabase() {
    const all = await t.db.select({ id: candidates.id }).from(candidates);
    const expected = await source().buildDocuments(all.map((row) => row.id));
    for (const [id, document] of expected) {
      expect(await engine.getDocument(id), `document of ${id}`).toEqual(document);
    }
    expect(await engine.count()).toBe([...expected.values()].filter(Boolean).length);
  }

  const pendingRows = () => t.db.select().from(outbox).where(isNull(outbox.processedAt));
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    t = await createTestDb();
    await seedStarterTaxonomy(t.db);
    engine = createPostgresSearchIndex(t.db);
    switchable = switchableEngine(engine);
  });
  afterAll(async () => t.close());

  it('keeps uploads working while the engine is down and catches up when it returns', async () => {
    switchable.state.down = true;
    const ada = await newCandidate(t.db, 'Ada Down');
    await upload(t.db, ada, KUBERNETES);
    const ben = await newCandidate(t.db, 'Ben Down');
    await upload(t.db, ben, PYTHON, 'unverifiable');

    const queued = (await pendingRows()).length;
    expect(queued).toBeGreaterThanOrEqual(4);
    const failed = await sync().runOnce();
    expect(failed.failed).toBeGreaterThan(0);
    expect(failed.error).toContain('ECONNREFUSED');
    const backlog = await sync().backlog();
    expect(backlog.pending).toBe(queued);
    expect(backlog.retrying).toBe(queued);
    expect(backlog.lastError).toContain('ECONNREFUSED');
    expect(await engine.count()).toBe(0);

    // More uploads during the outage: they commit, and queue behind the failed rows.
    await upload(t.db, ada, PYTHON);
    const total = (await pendingRows()).length;
    expect(total).toBeGreaterThan(queued);

    switchable.state.down = false;
    await wait(20);
    const report = await sync().drain();
    expect(report.error).toBeUndefined();
    expect(report.processed).toBe(total);
    expect((await sync().backlog()).pending).toBe(0);
    await expectIndexEqualsDatabase();

    const found = await engine.search(
      { filters: { skillsAll: ['starter:containers'] } },
      { organizationId: randomUUID() },
    );
    expect(found.hits.map((hit) => hit.document.id)).toEqual([ada]);
    const adaDoc = await engine.getDocument(ada);
    expect(adaDoc?.verifiedCredentialCount).toBe(2);
    expect(adaDoc?.skillAncestorIds).toEqual(
      expect.arrayContaining(['starter:kubernetes', 'starter:containers']),
    );
  });

  it('propagates hiding, deletion of a credential and deletion of a candidate', async () => {
    const cara = await newCandidate(t.db, 'Cara Hidden Later');
    const credentialId = await upload(t.db, cara, KUBERNETES);
    const dan = await newCandidate(t.db, 'Dan Deleted Later');
    await upload(t.db, dan, PYTHON);
    await sync().drain();
    expect(await engine.getDocument(cara)).not.toBeNull();
    expect(await engine.getDocument(dan)).not.toBeNull();

    await t.db.transaction(async (tx) => {
      await tx.delete(credentials).where(eq(credentials.id, credentialId));
      await enqueueCandidateChange(tx, cara, 'credential_removed');
    });
    await sync().drain();
    expect((await engine.getDocument(cara))?.skillIds).toEqual([]);

    await t.db.transaction(async (tx) => {
      await tx.update(candidates).set({ visibility: 'hidden' }).where(eq(candidates.id, cara));
      await enqueueCandidateChange(tx, cara, 'visibility_changed');
    });
    await t.db.transaction(async (tx) => {
      await tx.delete(candidates).where(eq(candidates.id, dan));
      await enqueueCandidateChange(tx, dan, 'candidate_deleted');
    });
    const report = await sync().drain();
    expect(report.deleted).toBe(2);
    expect(await engine.getDocument(cara)).toBeNull();
    expect(await engine.getDocument(dan)).toBeNull();
    await expectIndexEqualsDatabase();
  });

  it('never indexes a hidden candidate', async () => {
    const eve = await newCandidate(t.db, 'Eve Always Hidden', 'hidden');
    await upload(t.db, eve, PYTHON);
    await sync().drain();
    expect(await engine.getDocument(eve)).toBeNull();
  });

  it('makes an applied-only candidate visible to the organization applied to, once the application is synced', async () => {
    const org = await createOrganization(t.db);
    const other = await createOrganization(t.db);
    const fay = await newCandidate(t.db, 'Fay Applicant', 'applied_only');
    await upload(t.db, fay, KUBERNETES);
    await sync().drain();
    const search = (organizationId: string) =>
      engine
        .search({ text: 'kubernetes' }, { organizationId })
        .then((result) => result.hits.map((hit) => hit.document.id));
    expect(await search(org)).not.toContain(fay);

    await t.db.transaction(async (tx) => {
      const [job] = await tx.insert(jobs).values({ organizationId: org }).returning({ id: jobs.id });
      await tx.insert(applications).values({ candidateId: fay, jobId: job.id });
      await enqueueCandidateChange(tx, fay, 'applied');
    });
    await sync().drain();
    expect(await search(org)).toContain(fay);
    expect(await search(other)).not.toContain(fay);
  });

  it('is idempotent: replays and concurrent workers leave the same index', async () => {
    const before = await engine.count();
    expect((await sync().drain()).processed).toBe(0);

    const ids = (await t.db.select({ id: candidates.id }).from(candidates)).map((row) => row.id);
    await t.db.transaction(async (tx) => {
      for (const id of ids) {
        await enqueueCandidateChange(tx, id, 'replay');
        await enqueueCandidateChange(tx, id, 'replay again');
      }
    });
    const seen: string[] = [];
    const reports = await Promise.all([
      sync((c) => void seen.push(...c)).drain(),
      sync((c) => void seen.push(...c)).drain(),
    ]);
    expect(reports[0].processed + reports[1].processed).toBe(ids.length * 2);
    expect([...new Set(seen)].sort()).toEqual([...ids].sort());
    expect((await pendingRows()).length).toBe(0);
    expect(await engine.count()).toBe(before);
    await expectIndexEqualsDatabase();
  });

  it('hands a candidate to one worker at a time, in order', async () => {
    const gus = await newCandidate(t.db, 'Gus Ordered');
    const repo = outboxRepo();
    const first = await repo.claim(10, 60_000);
    expect(first.map((claim) => claim.candidateId)).toEqual([gus]);
    await t.db.transaction((tx) => enqueueCandidateChange(tx, gus, 'second change'));
    expect(await repo.claim(10, 60_000)).toEqual([]);
    await repo.markProcessed(first[0].ids);
    const second = await repo.claim(10, 60_000);
    expect(second).toHaveLength(1);
    expect(second[0].ids[0]).toBeGreaterThan(first[0].ids[0]);
    await repo.markProcessed(second[0].ids);
  });

  it('takes over a claim whose worker died once its lease expires', async () => {
    const hal = await newCandidate(t.db, 'Hal Abandoned');
    const repo = outboxRepo();
    const abandoned = await repo.claim(10, 1);
    expect(abandoned.map((claim) => claim.candidateId)).toEqual([hal]);
    await wait(20);
    const report = await sync().drain();
    expect(report.processed).toBe(1);
    expect(await engine.getDocument(hal)).not.toBeNull();
  });

  it('keeps the search index current in-process and stops cleanly', async () => {
    const changed: string[] = [];
    const worker = startInProcessWorker({
      index: switchable.index,
      outbox: outboxRepo(),
      source: source(),
      intervalMs: 10,
      onCandidatesChanged: (ids) => void changed.push(...ids),
    });
    const ivy = await newCandidate(t.db, 'Ivy InProcess');
    await upload(t.db, ivy, PYTHON);
    worker.wake();
    for (let i = 0; i < 200 && (await worker.sync.backlog()).pending > 0; i++) await wait(10);
    await worker.stop();
    expect((await worker.sync.backlog()).pending).toBe(0);
    expect(changed).toContain(ivy);
    expect((await engine.getDocument(ivy))?.skillIds).toContain('starter:python');
  });

  it('rebuilds the index next to the live one and re-applies changes made meanwhile', async () => {
    const jon = await newCandidate(t.db, 'Jon Rebuilt');
    await upload(t.db, jon, KUBERNETES);
    await sync().drain();
    const base = source();
    let changedDuringRebuild = false;
    const racingSource = {
      ...base,
      async *candidateIdBatches(batchSize: number) {
        for await (const ids of base.candidateIdBatches(batchSize)) {
          if (!changedDuringRebuild) {
            changedDuringRebuild = true;
            // A candidate hides while the rebuild runs; the worker applies it to the (old) live index.
            await t.db.transaction(async (tx) => {
              await tx.update(candidates).set({ visibility: 'hidden' }).where(eq(candidates.id, jon));
              await enqueueCandidateChange(tx, jon, 'visibility_changed');
            });
            await sync().drain();
          }
          yield ids;
        }
      },
    };
    const report = await rebuildSearchIndex({
      index: engine,
      source: racingSource,
      outbox: outboxRepo(),
      batchSize: 3,
    });
    expect(changedDuringRebuild).toBe(true);
    expect(report.caughtUp).toBeGreaterThanOrEqual(1);
    expect(await engine.getDocument(jon)).toBeNull();
    await expectIndexEqualsDatabase();
    const rows = await t.db
      .select({ id: candidates.id })
      .from(candidates)
      .where(inArray(candidates.visibility, ['public', 'applied_only']));
    expect(await engine.count()).toBe(rows.length);
  });
});
