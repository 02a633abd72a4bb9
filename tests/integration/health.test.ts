import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/tests/helpers/db';
import { buildServices } from '@/server/container';
import { healthChecks } from '@/server/services/health.service';
import { createActor, callerAs } from '@/tests/helpers/actors';

describe('health report', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb();
  });
  afterAll(async () => testDb.close());

  it('reports the database, the search engine and the outbox backlog', async () => {
    const services = buildServices({ db: testDb.db });
    const runtime = {
      handle: { db: testDb.db, driver: testDb.driver, close: async () => undefined },
      services,
      worker: null as never,
      startedAt: new Date(Date.now() - 5_000),
      instanceId: 'instance-a',
    };
    const before = await healthChecks(runtime);
    expect(before.database.ok).toBe(true);
    expect(before.search).toMatchObject({ ok: true, engine: 'postgres' });
    expect(before.outbox.pending).toBe(0);
    expect(before.uptimeSeconds).toBeGreaterThanOrEqual(5);
    expect(before.instanceId).toBe('instance-a');

    const candidate = await createActor(testDb.db, 'candidate');
    await callerAs(testDb.db, candidate, services).account.updateProfile({ headline: 'Backlog please' });
    const after = await healthChecks(runtime);
    expect(after.outbox.pending).toBe(1);
    expect(after.outbox.oldestPendingSeconds).not.toBeNull();
  });
});
