/**
 * npm run bench:verify [-- --n 1000 --jwt-n 5000 --warm 200 --workers 2 --json]
 *
 * Credentials verified per second for Data Integrity (eddsa-rdfc-2022, Ed25519Signature2020) and VC-JWT,
 * against a baseline measured in the same run: the library's straightforward verify call in a loop
 * (@digitalbazaar/vc verifyCredential / jose compactVerify), one process, with a document loader that
 * parses every context on every call and resolves did:key afresh. Credentials are distinct (issued here
 * with test keys), so the per-content-hash cache does not help the main rows; a separate row shows a
 * repeated upload of the same credentials, where it does.
 */
import os from 'node:os';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { driver as didKeyDriverFactory } from '@digitalbazaar/did-method-key';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { bundledContexts } from '@/server/adapters/jsonld/static-contexts';
import { useSharedActiveContexts } from '@/server/adapters/jsonld/shared-active-contexts';
import { createVerificationRuntime, verifyFile } from '@/server/adapters/credentials/verify-file';
import { createVerifyPool } from '@/server/adapters/credentials/verify-pool';
import { createTestIssuer } from '@/tests/helpers/credential-builders';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const N = opt('n', 1000);
const JWT_N = opt('jwt-n', 5000);
const WARM = opt('warm', 200);
const WORKERS = opt('workers', Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
const asJson = args.includes('--json');
const log = (s: string) => process.stderr.write(`${s}\n`);

const enc = new TextEncoder();
const NOW = new Date('2026-06-01T00:00:00Z');

// ---- baseline document loader: parses contexts on every call, resolves did:key afresh ----------------
const contextText = new Map([...bundledContexts].map(([url, ctx]) => [url, JSON.stringify(ctx)]));
const baselineDidDriver = didKeyDriverFactory();
baselineDidDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
async function baselineLoader(url: string) {
  const text = contextText.get(url);
  if (text) return { contextUrl: null, documentUrl: url, document: JSON.parse(text) };
  if (url.startsWith('did:key:'))
    return { contextUrl: null, documentUrl: url, document: await baselineDidDriver.get({ url }) };
  throw new Error(`baseline loader: ${url} not available`);
}

async function rate(label: string, count: number, fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = count / seconds;
  log(`  ${label}: ${count} in ${seconds.toFixed(2)} s = ${perSecond.toFixed(0)}/s`);
  return perSecond;
}

async function main() {
  log(`generating ${N} distinct credentials per Data Integrity suite and ${JWT_N} VC-JWTs…`);
  const issuer = await createTestIssuer(3);
  const rdfc: object[] = [];
  const ed2020: object[] = [];
  const jwts: string[] = [];
  for (let i = 0; i < N; i++)
    rdfc.push(await issuer.signDataIntegrity(issuer.credential({ name: `Skill ${i}` })));
  for (let i = 0; i < N; i++)
    ed2020.push(await issuer.signEd25519Signature2020(issuer.credential({ name: `Skill ${i}` })));
  for (let i = 0; i < JWT_N; i++)
    jwts.push(await issuer.signVcJwt(issuer.credential({ name: `Skill ${i}` }), 'EdDSA'));

  const runtime = createVerificationRuntime({});
  const pool = createVerifyPool({}, WORKERS);
  // Warm up every path alike on credentials outside the measured set (module loading, transpiling in
  // each worker, JIT, static contexts): otherwise whichever path runs first pays for the others' warm-up.
  log(`warming up on ${WARM} credentials per suite…`);
  const warm: object[] = [];
  for (let i = 0; i < WARM; i++) {
    warm.push(await issuer.signDataIntegrity(issuer.credential({ name: `Warm ${i}` })));
    warm.push(await issuer.signEd25519Signature2020(issuer.credential({ name: `Warm ${i}` })));
  }
  useSharedActiveContexts(false);
  for (const [i, credential] of warm.entries()) {
    const suite =
      i % 2 === 0 ? new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }) : new Ed25519Signature2020();
    await vc.verifyCredential({ credential, suite, documentLoader: baselineLoader });
  }
  useSharedActiveContexts(true);
  const warmBytes = warm.map((w) => enc.encode(JSON.stringify(w)));
  for (const b of warmBytes) await verifyFile('warm.json', b, runtime, { now: NOW });
  await Promise.all(warmBytes.map((b) => pool.verify('warm.json', b, { now: NOW })));

  type Row = { name: string; baseline: number; single: number; pool: number; repeat: number };
  const rows: Row[] = [];

  for (const [name, creds, suite] of [
    ['Data Integrity eddsa-rdfc-2022', rdfc, () => new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })],
    ['Data Integrity Ed25519Signature2020', ed2020, () => new Ed25519Signature2020()],
  ] as const) {
    log(name);
    const bytes = creds.map((c) => enc.encode(JSON.stringify(c)));
    const baseline = await rate('baseline vc.verifyCredential', creds.length, async () => {
      // the library as shipped: jsonld copies whole active contexts (see shared-active-contexts.ts)
      useSharedActiveContexts(false);
      for (const credential of creds) {
        const r = await vc.verifyCredential({ credential, suite: suite(), documentLoader: baselineLoader });
        if (!r.verified) throw new Error(`baseline failed: ${JSON.stringify(r.error?.message ?? r.error)}`);
      }
      useSharedActiveContexts(true);
    });
    const single = await rate('ours, 1 thread', creds.length, async () => {
      for (const b of bytes) {
        const [r] = await verifyFile('c.json', b, runtime, { now: NOW });
        if (r!.verification.status !== 'verified')
          throw new Error(`ours failed: ${JSON.stringify(r!.verification.checks)}`);
      }
    });
    const repeat = await rate('ours, same credentials again (content-hash cache)', creds.length, async () => {
      for (const b of bytes) await verifyFile('c.json', b, runtime, { now: NOW });
    });
    // the pool's workers have not seen these credentials: no cache hits
    const pooled = await rate(`ours, ${WORKERS} worker threads`, creds.length, async () => {
      const results = await Promise.all(bytes.map((b) => pool.verify('c.json', b, { now: NOW })));
      if (results.some((r) => r[0]!.verification.status !== 'verified'))
        throw new Error('pool verification failed');
    });
    rows.push({ name, baseline, single, pool: pooled, repeat });
  }

  log('VC-JWT EdDSA (did:key kid)');
  const jwtBytes = jwts.map((j) => enc.encode(j));
  const edJwk = (await Ed25519Multikey.toJwk({
    keyPair: await Ed25519Multikey.from({
      type: 'Multikey',
      publicKeyMultibase: issuer.vmId.split('#')[1],
      controller: issuer.did,
      id: issuer.vmId,
    }),
  })) as JWK;
  const jwtBaseline = await rate('baseline jose importJWK + compactVerify', jwts.length, async () => {
    for (const jwt of jwts) {
      const header = decodeProtectedHeader(jwt);
      await compactVerify(jwt, await importJWK(edJwk, header.alg), { algorithms: ['EdDSA'] });
    }
  });
  const jwtSingle = await rate('ours, 1 thread', jwts.length, async () => {
    for (const b of jwtBytes) {
      const [r] = await verifyFile('c.jwt', b, runtime, { now: NOW });
      if (r!.verification.status !== 'verified')
        throw new Error(`ours failed: ${JSON.stringify(r!.verification.checks)}`);
    }
  });
  const jwtRepeat = await rate('ours, same credentials again (content-hash cache)', jwts.length, async () => {
    for (const b of jwtBytes) await verifyFile('c.jwt', b, runtime, { now: NOW });
  });
  const jwtPool = await rate(`ours, ${WORKERS} worker threads`, jwts.length, async () => {
    await Promise.all(jwtBytes.map((b) => pool.verify('c.jwt', b, { now: NOW })));
  });
  rows.push({
    name: 'VC-JWT EdDSA',
    baseline: jwtBaseline,
    single: jwtSingle,
    pool: jwtPool,
    repeat: jwtRepeat,
  });
  await pool.close();

  const f = (n: number) => n.toFixed(0);
  const lines = [
    `Machine: ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} at the end; ${N} distinct Data Integrity credentials per suite, ${JWT_N} VC-JWTs.`,
    '',
    `| mechanism | baseline /s | ours, 1 thread /s | ratio | ours, ${WORKERS} workers /s | ratio | repeat upload (cache) /s |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${f(r.baseline)} | ${f(r.single)} | ${(r.single / r.baseline).toFixed(2)}× | ${f(r.pool)} | ${(r.pool / r.baseline).toFixed(2)}× | ${f(r.repeat)} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (asJson) {
    process.stdout.write(
      `${JSON.stringify({
        bench: 'verify',
        cpus: os.cpus().length,
        loadAverage: os.loadavg()[0],
        workers: WORKERS,
        n: N,
        jwtN: JWT_N,
        rows: rows.map((r) => ({ ...r, singleRatio: r.single / r.baseline, poolRatio: r.pool / r.baseline })),
      })}\n`,
    );
  }
}

await main();
