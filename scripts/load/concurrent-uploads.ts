/**
 * `npm run load:uploads [-- --uploads 20 --pool 30 --per-wallet 8]`
 *
 * 20 wallet uploads at once to POST /api/uploads on the BUILT app (`npm run build` first), all by the demo
 * candidate, with overlapping credentials (a pool of 30 real signed credentials — VC-JWT and Data Integrity —
 * each wallet carrying 8 of them, so every credential arrives several times concurrently). Asserts:
 * - every request completes (NDJSON stream ends with `done`) within the time limit — no hang, no deadlock;
 *   PostgreSQL's own deadlock counter for the database stays at 0;
 * - no duplicates: the candidate's stored content hashes are unique and exactly the pool's;
 * - nothing lost: every pool credential is stored, every per-credential result is `stored` or `duplicate`;
 * - no request failed with a server error.
 * Fresh throwaway database on the local PostgreSQL, loopback only; the server is stopped at the end.
 */
import postgres from 'postgres';
import { argValue } from '@/bench/lib/args';
import { Prng } from '@/bench/lib/prng';
import { loadSkillUniverse, signCredential, walletSpecs } from '@/bench/generate';
import { sha256Hex } from '@/server/adapters/credentials/credential-verifier';
import { demoUsers } from '@/db/seed/demo-users';
import {
  appEnv,
  createThrowawayDatabase,
  freePort,
  npmRun,
  requireBuild,
  runMain,
  signInDemo,
  startApp,
  uploadFile,
  type RunningApp,
  type UploadResponse,
} from './app-harness';

const argv = process.argv.slice(2);
const UPLOADS = Number(argValue(argv, 'uploads') ?? 20);
const POOL = Number(argValue(argv, 'pool') ?? 30);
const PER_WALLET = Number(argValue(argv, 'per-wallet') ?? 8);
const REQUEST_TIMEOUT_MS = 180_000;

const t0 = Date.now();
const log = (m: string) => console.error(`[load:uploads +${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}`);

async function upload(
  baseUrl: string,
  cookie: string,
  i: number,
  wallet: string,
): Promise<UploadResponse & { i: number }> {
  return { i, ...(await uploadFile(baseUrl, cookie, `wallet-${i}.json`, wallet, REQUEST_TIMEOUT_MS)) };
}

async function main(): Promise<boolean> {
  requireBuild();
  const db = await createThrowawayDatabase('skillgraph_uploads');
  let app: RunningApp | null = null;
  const failures: string[] = [];
  try {
    log(`database ${db.name}: migrate + demo seed`);
    await npmRun('db:seed', [], { DATABASE_URL: db.url, DEMO_CANDIDATE_COUNT: '0', LOG_LEVEL: 'warn' });

    // The pool: POOL distinct signed credentials; wallets draw overlapping subsets.
    const universe = loadSkillUniverse();
    const specs = Array.from({ length: Math.ceil(POOL / 3) + 2 }, (_, k) =>
      walletSpecs(universe, 1000 + k, 9, 0.3),
    )
      .flat()
      .slice(0, POOL);
    if (specs.length < POOL) throw new Error(`generator produced only ${specs.length} credentials`);
    const pool = await Promise.all(
      specs.map((s) => signCredential(s, 'did:example:load-candidate', 'Load Candidate')),
    );
    const hashOf = (c: string | object) =>
      sha256Hex(new TextEncoder().encode(typeof c === 'string' ? c : JSON.stringify(c)));
    const expected = new Set(pool.map(hashOf));
    const rng = new Prng('uploads:9');
    const wallets: (string | object)[][] = [];
    for (let i = 0; i < UPLOADS; i++) {
      // Round-robin guarantees every pool credential appears; the rest are random overlaps.
      const picked = new Set<number>([i % POOL, (i + UPLOADS) % POOL]);
      while (picked.size < Math.min(PER_WALLET, POOL)) picked.add(rng.int(0, POOL - 1));
      wallets.push([...picked].map((k) => pool[k]));
    }
    const covered = new Set(wallets.flat().map(hashOf));
    if (covered.size !== expected.size)
      log(`note: wallets cover ${covered.size} of ${expected.size} pool credentials`);

    const port = await freePort();
    log(`starting next start on 127.0.0.1:${port}`);
    app = await startApp(appEnv(db.url, port), port);
    const candidate = demoUsers.find((u) => u.role === 'candidate')!;
    const cookie = await signInDemo(app.baseUrl, candidate.email);

    const sql = postgres(db.url, { max: 1, onnotice: () => undefined });
    const [{ deadlocks: deadlocksBefore }] = await sql<
      { deadlocks: number }[]
    >`select deadlocks::int from pg_stat_database where datname = current_database()`;

    const heldQuery = () => sql<{ content_hash: string }[]>`
      select c.content_hash from credentials c join candidates k on k.id = c.candidate_id join users u on u.id = k.user_id
      where u.email = ${candidate.email}`;
    // the demo seed may already have given this candidate credentials: they are not the uploads' doing
    const heldBefore = new Set((await heldQuery()).map((r) => r.content_hash));

    log(`uploading ${UPLOADS} wallets at once (${PER_WALLET} credentials each, ${covered.size} distinct)`);
    const outcomes = await Promise.all(
      wallets.map((w, i) => upload(app!.baseUrl, cookie, i, JSON.stringify(w))),
    );

    const [{ deadlocks: deadlocksAfter }] = await sql<
      { deadlocks: number }[]
    >`select deadlocks::int from pg_stat_database where datname = current_database()`;
    const stored = await heldQuery();
    await sql.end({ timeout: 5 });

    const allHashes = stored.map((r) => r.content_hash);
    const hashes = allHashes.filter((hash) => !heldBefore.has(hash));
    const distinct = new Set(hashes);
    const results = outcomes.flatMap((o) => o.lines.filter((l) => l.type === 'result'));
    const fileErrors = outcomes.flatMap((o) => o.lines.filter((l) => l.type === 'file_error'));
    const notStored = results.filter((r) => !r.stored && !r.duplicate);
    const slowest = Math.max(...outcomes.map((o) => o.ms));

    for (const o of outcomes) {
      if (o.error) failures.push(`upload ${o.i}: ${o.error}`);
      else if (o.httpStatus !== 200)
        failures.push(`upload ${o.i}: HTTP ${o.httpStatus} ${JSON.stringify(o.lines).slice(0, 200)}`);
      else if (!o.done) failures.push(`upload ${o.i}: the NDJSON stream ended without "done"`);
    }
    if (deadlocksAfter !== deadlocksBefore)
      failures.push(`PostgreSQL counted ${deadlocksAfter - deadlocksBefore} deadlock(s)`);
    if (allHashes.length !== new Set(allHashes).size)
      failures.push(`duplicates: ${allHashes.length} rows for ${new Set(allHashes).size} content hashes`);
    const lost = [...covered].filter((h) => !distinct.has(h));
    if (lost.length) failures.push(`lost: ${lost.length} uploaded credential(s) not stored`);
    const extra = [...distinct].filter((h) => !expected.has(h));
    if (extra.length)
      failures.push(`unexpected: ${extra.length} stored hash(es) not in the pool (hashing differs?)`);
    if (notStored.length)
      failures.push(
        `${notStored.length} per-credential result(s) neither stored nor duplicate: ${JSON.stringify(notStored[0]).slice(0, 300)}`,
      );
    if (fileErrors.length)
      failures.push(`${fileErrors.length} file error(s): ${JSON.stringify(fileErrors[0]).slice(0, 200)}`);

    const statusCounts: Record<string, number> = {};
    for (const r of results) statusCounts[String(r.status)] = (statusCounts[String(r.status)] ?? 0) + 1;
    console.log(
      `\n### Concurrent uploads: ${UPLOADS} wallets at once, ${UPLOADS * Math.min(PER_WALLET, POOL)} credentials sent, ${covered.size} distinct\n`,
    );
    console.log(`| check | result |\n| --- | --- |`);
    console.log(
      `| requests completed with "done" | ${outcomes.filter((o) => o.done).length}/${UPLOADS} (slowest ${(slowest / 1000).toFixed(1)} s) |`,
    );
    console.log(
      `| per-credential results | ${results.length} (${JSON.stringify(statusCounts)}; stored ${results.filter((r) => r.stored).length}, duplicate ${results.filter((r) => r.duplicate).length}) |`,
    );
    console.log(
      `| stored rows / distinct hashes / expected | ${hashes.length} / ${distinct.size} / ${covered.size} |`,
    );
    console.log(`| PostgreSQL deadlocks during the run | ${deadlocksAfter - deadlocksBefore} |`);
    for (const f of failures) console.log(`FAIL: ${f}`);
  } finally {
    if (app) await app.stop();
    await db.drop();
  }
  return failures.length === 0;
}

runMain('load:uploads', main);
