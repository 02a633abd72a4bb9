import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/tests/helpers/db';
import { callerAs, createActor } from '@/tests/helpers/actors';
import { outbox } from '@/db/schema';

describe('account router', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb();
  });
  afterAll(async () => testDb.close());

  it('refuses signed-out callers', async () => {
    await expect(callerAs(testDb.db, null).account.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('returns the role and organization read from the database', async () => {
    const recruiter = await createActor(testDb.db, 'recruiter');
    const me = await callerAs(testDb.db, recruiter).account.me();
    expect(me.role).toBe('recruiter');
    expect(me.organization?.id).toBe(recruiter.organizationId);
    expect(me.candidate).toBeNull();
  });

  it('lets a candidate change visibility and records an outbox row in the same transaction', async () => {
    const candidate = await createActor(testDb.db, 'candidate');
    const caller = callerAs(testDb.db, candidate);
    await caller.account.updateProfile({ visibility: 'hidden', headline: 'Data engineer' });
    const me = await caller.account.me();
    expect(me.candidate).toMatchObject({ visibility: 'hidden', headline: 'Data engineer' });
    const rows = await testDb.db.select().from(outbox);
    expect(
      rows.some((row) => row.candidateId === candidate.candidateId && row.reason === 'profile_updated'),
    ).toBe(true);
  });

  it('rejects unknown fields and control characters with a field error', async () => {
    const candidate = await createActor(testDb.db, 'candidate');
    const caller = callerAs(testDb.db, candidate);
    await expect(caller.account.updateProfile({ headline: 'bad\u0007bell' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(caller.account.updateProfile({ role: 'org_admin' } as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('does not let employers edit a candidate profile', async () => {
    const recruiter = await createActor(testDb.db, 'recruiter');
    await expect(
      callerAs(testDb.db, recruiter).account.updateProfile({ headline: 'x' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
