import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { candidateSkillEvidence, credentials, outbox, skillFrameworks, skills } from '@/db/schema';
import { buildServices, type Services } from '@/server/container';
import type { Actor } from '@/server/domain/auth/actor';
import { createVerificationRuntime, verifyFile } from '@/server/adapters/credentials/verify-file';
import {
  createCredentialIngestService,
  type MapCredentialSkills,
} from '@/server/services/credential-ingest.service';
import { handleCredentialUpload } from '@/server/adapters/http/upload-stream';
import { callerAs, createActor } from '@/tests/helpers/actors';
import { createTestDb, type TestDb } from '@/tests/helpers/db';
import { createTestIssuer, tamper, type TestIssuer } from '@/tests/helpers/credential-builders';

let t: TestDb;
let issuer: TestIssuer;
let services: Services;
let candidate: Actor;
let other: Actor;
let admin: Actor;
let recruiter: Actor;
const mapped: string[] = [];
let clock = new Date('2026-06-01T00:00:00Z');

const enc = (v: unknown) => strToU8(typeof v === 'string' ? v : JSON.stringify(v));

beforeAll(async () => {
  t = await createTestDb();
  issuer = await createTestIssuer(31);
  await issuer.publishStatusList([]);
  const runtime = createVerificationRuntime({ documents: issuer.documents });
  services = buildServices({ db: t.db });
  const mapSkills: MapCredentialSkills = async (_tx, input) => {
    mapped.push(input.credentialId);
  };
  services.credentials = createCredentialIngestService({
    db: t.db,
    verifyFile: (name, bytes, options) => verifyFile(name, bytes, runtime, options),
    mapCredentialSkills: mapSkills,
    now: () => clock,
  });
  candidate = await createActor(t.db, 'candidate');
  other = await createActor(t.db, 'candidate');
  admin = await createActor(t.db, 'org_admin');
  recruiter = await createActor(t.db, 'recruiter', { organizationId: admin.organizationId });
}, 60_000);

afterAll(async () => {
  await t?.close();
});

async function outboxReasons(candidateId: string): Promise<string[]> {
  const rows = await t.db
    .select({ reason: outbox.reason })
    .from(outbox)
    .where(eq(outbox.candidateId, candidateId));
  return rows.map((r) => r.reason);
}

describe('credential ingest', () => {
  it('stores a verified credential with its raw bytes, normalized record and checks, maps skills and queues a search update', async () => {
    const signed = await issuer.signDataIntegrity(
      issuer.credential({ name: 'Kubernetes Operator', statusIndex: 9 }),
    );
    const results = await services.credentials.ingestFile(candidate, {
      fileName: 'k8s.json',
      bytes: enc(signed),
    });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      status: 'verified',
      stored: true,
      duplicate: false,
      format: 'vc-ldp',
    });
    const id = results[0]!.credentialId!;
    expect(mapped).toContain(id);
    const caller = callerAs(t.db, candidate, services);
    const detail = await caller.credentials.byId({ id });
    expect(JSON.parse(detail.raw)).toEqual(signed);
    expect(detail.achievementName).toBe('Kubernetes Operator');
    expect(detail.achievement.alignments[0]?.targetName).toBe('TypeScript');
    expect(detail.checks.find((c) => c.name === 'signature')?.status).toBe('pass');
    expect(detail.revocation).toBe('ok');
    expect(detail.sourceFile).toBe('k8s.json');
    expect(await outboxReasons(candidate.candidateId!)).toContain('credential_added');
  });

  it('does not duplicate a re-uploaded credential', async () => {
    const signed = await issuer.signDataIntegrity(issuer.credential({ name: 'Once Only' }));
    const first = await services.credentials.ingestFile(candidate, {
      fileName: 'a.json',
      bytes: enc(signed),
    });
    const again = await services.credentials.ingestFile(candidate, {
      fileName: 'again.json',
      bytes: enc(signed),
    });
    expect(again[0]).toMatchObject({ duplicate: true, stored: false, credentialId: first[0]!.credentialId });
    const rows = await t.db
      .select({ id: credentials.id })
      .from(credentials)
      .where(
        eq(
          credentials.contentHash,
          (
            await t.db
              .select({ h: credentials.contentHash })
              .from(credentials)
              .where(eq(credentials.id, first[0]!.credentialId!))
          )[0]!.h,
        ),
      );
    expect(rows).toHaveLength(1);
  });

  it('ingests the rest of a wallet when some entries are bad, storing nothing for them', async () => {
    const good = await issuer.signEd25519Signature2020(issuer.credential({ name: 'Wallet Good' }));
    const bad = tamper(await issuer.signDataIntegrity(issuer.credential({ name: 'Wallet Tampered' })));
    const jwt = await issuer.signVcJwt(issuer.credential({ name: 'Wallet JWT' }), 'EdDSA');
    const zip = zipSync({
      'good.json': enc(good),
      'bad.json': enc(bad),
      'junk.txt': enc('hello'),
      'inner.zip': zipSync({ 'x.json': enc(good) }),
      'c.jwt': enc(jwt),
    });
    const before = (await callerAs(t.db, candidate, services).credentials.list()).length;
    const results = await services.credentials.ingestFile(candidate, { fileName: 'wallet.zip', bytes: zip });
    const bySource = Object.fromEntries(results.map((r) => [r.source, r]));
    expect(bySource['wallet.zip > good.json']).toMatchObject({ status: 'verified', stored: true });
    expect(bySource['wallet.zip > bad.json']).toMatchObject({ status: 'invalid', stored: true });
    expect(bySource['wallet.zip > junk.txt']).toMatchObject({
      status: 'invalid',
      stored: false,
      credentialId: null,
    });
    expect(bySource['wallet.zip > inner.zip']).toMatchObject({ stored: false });
    expect(bySource['wallet.zip > c.jwt']).toMatchObject({
      status: 'verified',
      format: 'vc-jwt',
      stored: true,
    });
    // the tampered credential is kept (the candidate sees why it failed) but yields no skill evidence
    expect(mapped).not.toContain(bySource['wallet.zip > bad.json']!.credentialId);
    const after = await callerAs(t.db, candidate, services).credentials.list();
    expect(after.length).toBe(before + 3);
  });

  it('keeps candidates apart: another candidate cannot see or delete my credential', async () => {
    const [mine] = await services.credentials.ingestFile(candidate, {
      fileName: 'm.json',
      bytes: enc(await issuer.signDataIntegrity(issuer.credential({ name: 'Mine' }))),
    });
    const theirs = callerAs(t.db, other, services);
    await expect(theirs.credentials.byId({ id: mine!.credentialId! })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(theirs.credentials.delete({ id: mine!.credentialId! })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(callerAs(t.db, recruiter, services).credentials.list()).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(callerAs(t.db, null, services).credentials.list()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('deletes a credential with its skill evidence and queues the candidate for re-indexing', async () => {
    const [row] = await services.credentials.ingestFile(candidate, {
      fileName: 'd.json',
      bytes: enc(await issuer.signDataIntegrity(issuer.credential({ name: 'To Delete' }))),
    });
    const id = row!.credentialId!;
    await t.db
      .insert(skillFrameworks)
      .values({ id: 'test-fw', name: 'Test framework' })
      .onConflictDoNothing();
    await t.db
      .insert(skills)
      .values({ id: 'test:typescript', frameworkId: 'test-fw', preferredLabel: 'TypeScript' })
      .onConflictDoNothing();
    await t.db.insert(candidateSkillEvidence).values({
      candidateId: candidate.candidateId!,
      skillId: 'test:typescript',
      credentialId: id,
      field: 'alignment',
      span: 'TypeScript',
      method: 'alignment',
      confidence: 1,
    });
    expect(
      await t.db.select().from(candidateSkillEvidence).where(eq(candidateSkillEvidence.credentialId, id)),
    ).toHaveLength(1);
    const caller = callerAs(t.db, candidate, services);
    const result = await caller.credentials.delete({ id });
    expect(result.deleted).toEqual([id]);
    await expect(caller.credentials.byId({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await t.db.select().from(candidateSkillEvidence).where(eq(candidateSkillEvidence.credentialId, id)),
    ).toHaveLength(0);
    expect(await outboxReasons(candidate.candidateId!)).toContain('credential_removed');
  });

  it('re-verifies: a later revocation and expiry show up, and the change is queued', async () => {
    const [row] = await services.credentials.ingestFile(candidate, {
      fileName: 'r.json',
      bytes: enc(await issuer.signDataIntegrity(issuer.credential({ name: 'Revocable', statusIndex: 42 }))),
    });
    const id = row!.credentialId!;
    expect(row!.status).toBe('verified');
    await issuer.publishStatusList([42]);
    // status lists are cached per loader for a short TTL: move the clock to the next hour, as the job would
    clock = new Date('2026-06-01T02:00:00Z');
    const caller = callerAs(t.db, candidate, services);
    const after = await caller.credentials.reverify({ id });
    expect(after.status).toBe('revoked');
    expect(after.checks.find((c) => c.name === 'revocation')?.status).toBe('fail');
    expect(await outboxReasons(candidate.candidateId!)).toContain('credential_reverified');

    const [expiring] = await services.credentials.ingestFile(candidate, {
      fileName: 'e.json',
      bytes: enc(
        await issuer.signDataIntegrity(
          issuer.credential({ name: 'Expiring', validUntil: '2026-07-01T00:00:00Z' }),
        ),
      ),
    });
    expect(expiring!.status).toBe('verified');
    clock = new Date('2026-08-01T00:00:00Z');
    const job = await services.credentials.reverifyStale({ olderThan: clock, limit: 100 });
    expect(job.changed).toBeGreaterThanOrEqual(1);
    expect((await caller.credentials.byId({ id: expiring!.credentialId! })).status).toBe('expired');
  });

  it('links nested CLR credentials to their CLR and deletes them with it', async () => {
    const nested = await issuer.signDataIntegrity(issuer.credential({ name: 'Nested Course' }));
    const clr = {
      ...issuer.credential({ name: 'Transcript' }),
      type: ['VerifiableCredential', 'ClrCredential'],
      credentialSubject: {
        id: 'did:example:candidate',
        type: ['ClrSubject'],
        verifiableCredential: [nested],
      },
    };
    const results = await services.credentials.ingestFile(candidate, {
      fileName: 'clr.json',
      bytes: enc(clr),
    });
    expect(results.map((r) => r.status)).toEqual(['unverifiable', 'verified']);
    const caller = callerAs(t.db, candidate, services);
    const child = await caller.credentials.byId({ id: results[1]!.credentialId! });
    expect(child.parentCredentialId).toBe(results[0]!.credentialId);
    const removed = await caller.credentials.delete({ id: results[0]!.credentialId! });
    expect(removed.deleted).toHaveLength(2);
  });
});

describe('trusted issuers', () => {
  it('lets an org admin add and remove issuers, re-evaluating only the trust flag', async () => {
    const [row] = await services.credentials.ingestFile(candidate, {
      fileName: 't.json',
      bytes: enc(await issuer.signDataIntegrity(issuer.credential({ name: 'Trust Me' }))),
    });
    const id = row!.credentialId!;
    const before = await callerAs(t.db, candidate, services).credentials.byId({ id });
    expect(before.issuerTrusted).toBe(false);
    const adminCaller = callerAs(t.db, admin, services);
    const added = await adminCaller.trustedIssuers.add({ kind: 'did', value: `${issuer.did}#key-1` });
    expect(added.value).toBe(issuer.did);
    expect(added.candidatesAffected).toBeGreaterThanOrEqual(1);
    const after = await callerAs(t.db, candidate, services).credentials.byId({ id });
    expect(after.issuerTrusted).toBe(true);
    expect(after.status).toBe(before.status);
    expect(after.verifiedAt).toEqual(before.verifiedAt);
    await expect(adminCaller.trustedIssuers.add({ kind: 'did', value: issuer.did })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      adminCaller.trustedIssuers.add({ kind: 'domain', value: 'not a domain' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await adminCaller.trustedIssuers.list()).map((e) => e.value)).toEqual([issuer.did]);
    await adminCaller.trustedIssuers.remove({ id: added.id });
    expect((await callerAs(t.db, candidate, services).credentials.byId({ id })).issuerTrusted).toBe(false);
    expect(await outboxReasons(candidate.candidateId!)).toContain('issuer_trust_changed');
  });

  it('is for org admins only, and scoped to their organization', async () => {
    await expect(callerAs(t.db, recruiter, services).trustedIssuers.list()).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      callerAs(t.db, candidate, services).trustedIssuers.add({ kind: 'domain', value: 'example.edu' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const entry = await callerAs(t.db, admin, services).trustedIssuers.add({
      kind: 'domain',
      value: 'https://Badges.Example.edu/path',
    });
    expect(entry.value).toBe('badges.example.edu');
    const otherAdmin = await createActor(t.db, 'org_admin');
    await expect(
      callerAs(t.db, otherAdmin, services).trustedIssuers.remove({ id: entry.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await callerAs(t.db, otherAdmin, services).trustedIssuers.list()).toEqual([]);
  });
});

describe('POST /api/uploads (streaming handler)', () => {
  function uploadRequest(form: FormData): Request {
    return new Request('http://localhost/api/uploads', { method: 'POST', body: form });
  }
  const limits = { maxFileBytes: 200_000, maxTotalBytes: 1_000_000, maxFiles: 5 };
  const deps = (actor: Actor | null) => ({
    actor,
    ingest: services.credentials.ingestFile,
    limits,
    uploadId: crypto.randomUUID(),
  });

  async function lines(response: Response): Promise<Record<string, unknown>[]> {
    const text = await response.text();
    return text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  it('streams one NDJSON line per credential, file errors for refused files, then a summary', async () => {
    const form = new FormData();
    form.append(
      'files',
      new Blob([enc(await issuer.signDataIntegrity(issuer.credential({ name: 'Upload One' })))]),
      'one.json',
    );
    form.append('files', new Blob([new Uint8Array(300_000)]), 'huge.bin');
    form.append('files', new Blob([enc('{broken')]), 'broken.json');
    form.append('jwt', await issuer.signVcJwt(issuer.credential({ name: 'Pasted JWT' }), 'ES256'));
    const response = await handleCredentialUpload(uploadRequest(form), deps(candidate));
    expect(response.headers.get('content-type')).toMatch(/ndjson/);
    const out = await lines(response);
    const results = out.filter((l) => l.type === 'result');
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['one.json', 'verified'],
      ['broken.json', 'invalid'],
      ['jwt-4.txt', 'verified'],
    ]);
    const errors = out.filter((l) => l.type === 'file_error');
    expect(errors).toEqual([
      {
        type: 'file_error',
        file: 'huge.bin',
        reason: expect.stringMatching(/larger than the 200000-byte limit/),
      },
    ]);
    expect(out.at(-1)).toMatchObject({ type: 'done', files: 4, stored: 2 });
  });

  it('refuses more files than the limit and signed-out or non-candidate callers', async () => {
    const form = new FormData();
    for (let i = 0; i < 7; i++) form.append('files', new Blob([enc('{}')]), `f${i}.json`);
    const out = await lines(await handleCredentialUpload(uploadRequest(form), deps(candidate)));
    expect(out.some((l) => l.type === 'file_error' && /Only 5 files/.test(String(l.reason)))).toBe(true);
    expect((await handleCredentialUpload(uploadRequest(new FormData()), deps(null))).status).toBe(401);
    expect((await handleCredentialUpload(uploadRequest(new FormData()), deps(recruiter))).status).toBe(403);
    const notMultipart = new Request('http://localhost/api/uploads', {
      method: 'POST',
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect((await handleCredentialUpload(notMultipart, deps(candidate))).status).toBe(415);
  });
});
