import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStarterTaxonomy } from '@/db/seed/starter-taxonomy';
import { createPgCandidateChangeFeed } from '@/server/adapters/db/candidate-change-feed';
import { buildServices, type Services } from '@/server/container';
import type { Actor } from '@/server/domain/auth/actor';
import type { CandidateChangeFeed } from '@/server/ports/candidate-change-feed';
import { callerAs, createActor } from '@/tests/helpers/actors';
import { createTestDb, type TestDb } from '@/tests/helpers/db';
import { storeSkillEvidence } from '@/tests/helpers/skill-evidence';
import { requirement } from '@/tests/unit/ranking/builders';

/**
 * Two app instances on one PostgreSQL database, each with its own in-memory ranking index: a change the
 * outbox hands to one of them must reach the other's rankings through the change feed (LISTEN/NOTIFY).
 */
let testDb: TestDb;
const skipReason = 'the candidate change feed is PostgreSQL LISTEN/NOTIFY: set DATABASE_URL to run it';

beforeAll(async () => {
  testDb = await createTestDb();
  if (testDb.driver !== 'postgres') console.warn(`[ranking-change-feed] skipped: ${skipReason}`);
}, 60_000);

afterAll(async () => {
  await testDb?.close();
});

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('the candidate change feed', () => {
  it("brings a change claimed by one instance into the other instance's ranking index", async (context) => {
    if (testDb.driver !== 'postgres' || !testDb.notifications || !testDb.connectAgain) {
      context.skip();
      return;
    }
    const { db } = testDb;
    await seedStarterTaxonomy(db);
    const manager: Actor = await createActor(db, 'hiring_manager');
    const ada = await createActor(db, 'candidate', { name: 'ada', visibility: 'public' });
    await storeSkillEvidence(db, ada.candidateId!, 'starter:python');
    const { jobId } = await callerAs(db, manager).jobs.create({
      title: 'Python engineer',
      description: 'Python services.',
      location: 'Remote',
      skills: [requirement('starter:python', { label: '', importance: 5, mustHave: true })],
    });

    // Instance A claims outbox rows; instance B only follows the feed. Each has its own pool and index.
    const other = await testDb.connectAgain();
    const instances: { services: Services; feed: CandidateChangeFeed; db: typeof db }[] = [
      { services: buildServices({ db }), feed: createPgCandidateChangeFeed(testDb.notifications), db },
      {
        services: buildServices({ db: other.db }),
        feed: createPgCandidateChangeFeed(other.notifications!),
        db: other.db,
      },
    ];
    const stops = await Promise.all(
      instances.map(({ services, feed }) =>
        feed.subscribe({
          onChange: (ids) => services.ranking.reloadCandidates(ids),
          onGap: () => services.ranking.reloadAll(),
        }),
      ),
    );
    try {
      const [a, b] = instances;
      const ranked = async (instance: (typeof instances)[number]) =>
        (
          await callerAs(instance.db, manager, instance.services).ranking.forJob({ jobId, limit: 50 })
        ).candidates.map((candidate) => candidate.candidateId);
      expect(await ranked(a)).toEqual([ada.candidateId]);
      expect(await ranked(b)).toEqual([ada.candidateId]);

      const hal = await createActor(db, 'candidate', { name: 'hal', visibility: 'public' });
      await storeSkillEvidence(db, hal.candidateId!, 'starter:python');
      // What the outbox worker of instance A does with the rows it claimed.
      await a.services.ranking.applyCandidateChanges([hal.candidateId!]);
      expect(await ranked(a)).toContain(hal.candidateId);
      // Without the feed, B's index (and its cached list) does not know hal yet.
      expect(await ranked(b)).not.toContain(hal.candidateId);

      await a.feed.publish([hal.candidateId!]);
      expect(await waitFor(async () => (await ranked(b)).includes(hal.candidateId!))).toBe(true);
      expect(await ranked(b)).toEqual(await ranked(a));
    } finally {
      await Promise.all(stops.map((stop) => stop()));
    }
  }, 60_000);
});
