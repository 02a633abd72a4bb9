/**
 * `npm run fault:search-outage [-- --wallets 6]`
 *
 * Search engine unavailable during uploads: nothing is lost and the outbox drains afterwards.
 *
 * The embedded engine is Postgres (no Meilisearch binary on this machine), so the outage is made real at the
 * engine's boundary: the app and `npm run worker` connect as their own database role, and the engine's tables
 * (search_documents, search_terms and their rebuild copies) have that role's write rights revoked — every
 * engine write fails, exactly as a down engine's would, while uploads (credentials, evidence, outbox) work.
 * Steps: throwaway database; app (`next start`, built beforehand) + worker as the restricted role; the demo
 * candidate uploads wallets of real signed credentials; assert every upload succeeded, the outbox holds the
 * candidate's changes and the worker has failed/retried without marking them done, and no document reflects
 * them; restore the rights ("the engine is back"); assert the outbox drains to zero and the candidate's
 * document equals what the database says (credential counts).
 */
import postgres from 'postgres';
import { argValue } from '@/bench/lib/args';
import { loadSkillUniverse, syntheticWallet } from '@/bench/generate';
import { BENCH_PG_URL, withDatabase } from '@/bench/lib/pg';
import { demoUsers } from '@/db/seed/demo-users';
import {
  appEnv,
  createThrowawayDatabase,
  freePort,
  npmRun,
  requireBuild,
  requireNpmScript,
  runMain,
  signInDemo,
  sleep,
  startApp,
  startBackground,
  uploadFile,
  waitFor,
  type BackgroundProcess,
  type RunningApp,
} from '../load/app-harness';

const WALLETS = Number(argValue(process.argv.slice(2), 'wallets') ?? 6);
const ENGINE_TABLE_PATTERN = /^search_/;
const t0 = Date.now();
const log = (m: string) =>
  console.error(`[fault:search-outage +${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}`);

async function main(): Promise<boolean> {
  requireBuild();
  requireNpmScript('worker');
  const db = await createThrowawayDatabase('skillgraph_fault_search');
  const role = `skillgraph_app_${process.pid}`;
  const admin = postgres(db.url, { max: 1, onnotice: () => undefined });
  let app: RunningApp | null = null;
  let worker: BackgroundProcess | null = null;
  const failures: string[] = [];
  const table: [string, string][] = [];
  try {
    log(`database ${db.name}: migrate + demo seed + starter taxonomy`);
    await npmRun('db:seed', [], { DATABASE_URL: db.url, DEMO_CANDIDATE_COUNT: '0', LOG_LEVEL: 'warn' });
    await npmRun('taxonomy:import', ['starter'], { DATABASE_URL: db.url, LOG_LEVEL: 'warn' }).catch((e) =>
      log(`starter taxonomy: ${String(e).slice(0, 200)}`),
    );

    // The app's own role: full rights except writes to the search engine's tables.
    await admin.unsafe(`create role ${role} login`);
    await admin.unsafe(
      `grant all on schema public to ${role}; grant all on all tables in schema public to ${role}; grant all on all sequences in schema public to ${role}`,
    );
    await admin.unsafe(`grant create on database ${db.name} to ${role}`);
    await admin
      .unsafe(
        `grant all on schema drizzle to ${role}; grant all on all tables in schema drizzle to ${role}; grant all on all sequences in schema drizzle to ${role}`,
      )
      .catch(() => undefined);
    const engineTables = (
      await admin<{ tablename: string }[]>`select tablename from pg_tables where schemaname = 'public'`
    )
      .map((r) => r.tablename)
      .filter((t) => ENGINE_TABLE_PATTERN.test(t));
    const revoke = () =>
      admin.unsafe(
        engineTables.map((t) => `revoke insert, update, delete, truncate on ${t} from ${role};`).join(' '),
      );
    const restore = () => admin.unsafe(engineTables.map((t) => `grant all on ${t} to ${role};`).join(' '));
    await revoke();
    log(`engine tables made unwritable for the app role: ${engineTables.join(', ')}`);
    const roleUrl = (() => {
      const u = new URL(withDatabase(BENCH_PG_URL, db.name));
      u.username = role;
      return u.toString();
    })();

    const port = await freePort();
    app = await startApp(appEnv(roleUrl, port, { SEARCH_ENGINE: 'postgres' }), port);
    worker = startBackground(
      'npm',
      ['run', '--silent', 'worker'],
      appEnv(roleUrl, port, { SEARCH_ENGINE: 'postgres', LOG_LEVEL: 'info' }),
    );
    const candidate = demoUsers.find((u) => u.role === 'candidate')!;
    const cookie = await signInDemo(app.baseUrl, candidate.email);
    const [{ id: candidateId }] = await admin<{ id: string }[]>`
      select k.id from candidates k join users u on u.id = k.user_id where u.email = ${candidate.email}`;

    // the demo seed may already have given this candidate credentials: count what the uploads add
    const [{ n: credentialsBefore }] = await admin<
      { n: number }[]
    >`select count(*)::int as n from credentials where candidate_id = ${candidateId}`;
    log(`engine down: uploading ${WALLETS} wallets`);
    const universe = loadSkillUniverse();
    let sent = 0;
    for (let i = 0; i < WALLETS; i++) {
      const w = await syntheticWallet(universe, 500 + i, { seed: 21, diShare: 0.3 });
      sent += w.credentials;
      const r = await uploadFile(app.baseUrl, cookie, w.fileName, new TextDecoder().decode(w.bytes));
      const stored = r.lines.filter((l) => l.type === 'result' && (l.stored || l.duplicate)).length;
      if (r.httpStatus !== 200 || !r.done)
        failures.push(`upload ${i} failed during the outage: HTTP ${r.httpStatus} ${r.error ?? ''}`);
      if (stored !== w.credentials)
        failures.push(`upload ${i}: ${stored}/${w.credentials} credentials stored`);
    }
    const [{ n: credentialsAfter }] = await admin<
      { n: number }[]
    >`select count(*)::int as n from credentials where candidate_id = ${candidateId}`;
    const credentialsStored = credentialsAfter - credentialsBefore;
    table.push([
      'uploads during the outage',
      `${WALLETS} wallets, ${credentialsStored}/${sent} credentials stored (${credentialsBefore} held before)`,
    ]);
    if (credentialsStored !== sent)
      failures.push(`${sent - credentialsStored} credential(s) lost during the outage`);

    await sleep(8000); // give the worker time to try (and fail)
    const pendingDuring = await admin<{ n: number; attempts: number; errors: number }[]>`
      select count(*)::int as n, coalesce(max(attempts), 0)::int as attempts, count(last_error)::int as errors
      from outbox where candidate_id = ${candidateId} and processed_at is null`;
    const [docDuring] = await admin<{ n: number; c: number | null }[]>`
      select count(*)::int as n, max(verified_credential_count + unverified_credential_count)::int as c from search_documents where candidate_id = ${candidateId}`;
    table.push([
      'outbox during the outage',
      `${pendingDuring[0].n} pending for the candidate, max attempts ${pendingDuring[0].attempts}, ${pendingDuring[0].errors} with an error`,
    ]);
    table.push([
      'document during the outage',
      docDuring.n ? `stale (${docDuring.c} credentials)` : 'none yet',
    ]);
    if (pendingDuring[0].n === 0)
      failures.push(
        'the outbox holds nothing for the candidate during the outage (changes not enqueued, or written to a down engine?)',
      );
    if (worker.exited()) failures.push(`the worker exited during the outage (exit ${worker.exitCode()})`);

    log('engine back: restoring rights, waiting for the outbox to drain');
    await restore();
    const drained = await waitFor(
      async () => {
        const [{ n }] = await admin<
          { n: number }[]
        >`select count(*)::int as n from outbox where processed_at is null`;
        return n === 0;
      },
      180_000,
      500,
    );
    const [{ n: left }] = await admin<
      { n: number }[]
    >`select count(*)::int as n from outbox where processed_at is null`;
    table.push([
      'outbox after the engine returned',
      drained ? 'drained (0 pending)' : `${left} still pending after 180 s`,
    ]);
    if (!drained) failures.push(`outbox did not drain: ${left} pending`);
    const [doc] = await admin<{ v: number; u: number }[]>`
      select verified_credential_count::int as v, unverified_credential_count::int as u from search_documents where candidate_id = ${candidateId}`;
    const [truth] = await admin<{ v: number; total: number }[]>`
      select count(*) filter (where status = 'verified')::int as v, count(*)::int as total from credentials where candidate_id = ${candidateId}`;
    table.push([
      'document vs database',
      doc
        ? `${doc.v} verified + ${doc.u} other in the index; database: ${truth.v} verified of ${truth.total}`
        : 'NO DOCUMENT',
    ]);
    if (!doc) failures.push('no search document for the candidate after the outbox drained');
    else if (doc.v !== truth.v || doc.v + doc.u !== truth.total)
      failures.push(
        `index disagrees with the database: index ${doc.v}/${doc.v + doc.u}, database ${truth.v}/${truth.total}`,
      );
  } finally {
    if (worker) await worker.kill('SIGTERM');
    if (app) await app.stop();
    await admin.end({ timeout: 5 }).catch(() => undefined);
    await db.drop();
    const a = postgres(BENCH_PG_URL, { max: 1, onnotice: () => undefined });
    await a.unsafe(`drop role if exists ${role}`).catch(() => undefined);
    await a.end({ timeout: 5 });
  }
  console.log(`\n### Fault: search engine unavailable during uploads\n`);
  console.log('| check | result |\n| --- | --- |');
  for (const [k, v] of table) console.log(`| ${k} | ${v} |`);
  for (const f of failures) console.log(`FAIL: ${f}`);
  if (worker && failures.length)
    console.error(`worker log tail:\n${worker.logs().split('\n').slice(-15).join('\n')}`);
  return failures.length === 0;
}

runMain('fault:search-outage', main);
