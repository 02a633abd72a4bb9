/**
 * `npm run fault:worker-kill [-- --candidates 3000]`
 *
 * Kill the outbox worker mid-batch: no lost and no duplicated index updates.
 *
 * Throwaway database seeded with N demo candidates (public, applied-only and hidden); one outbox row per
 * candidate plus a second change for every third candidate; `npm run worker` (Postgres engine) starts draining;
 * the moment it holds a claimed batch that is not yet done (leased, unprocessed rows) after having finished at
 * least one, the whole worker process group gets SIGKILL. A second worker then drains the rest (after the
 * dead worker's lease expires). Asserts:
 * - the kill left claimed rows unprocessed (they were not marked done by a dead worker);
 * - the outbox ends fully processed;
 * - nothing lost: exactly one document per non-hidden candidate, none for hidden ones;
 * - nothing duplicated or stale: no two documents per candidate, and every document matches its candidate row.
 */
import postgres from 'postgres';
import { argValue } from '@/bench/lib/args';
import {
  createThrowawayDatabase,
  npmRun,
  requireNpmScript,
  runMain,
  startBackground,
  waitFor,
  type BackgroundProcess,
} from '../load/app-harness';

const CANDIDATES = Number(argValue(process.argv.slice(2), 'candidates') ?? 3000);
const t0 = Date.now();
const log = (m: string) =>
  console.error(`[fault:worker-kill +${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}`);

async function main(): Promise<boolean> {
  requireNpmScript('worker');
  const db = await createThrowawayDatabase('skillgraph_fault_worker');
  const sql = postgres(db.url, { max: 2, onnotice: () => undefined });
  const failures: string[] = [];
  const table: [string, string][] = [];
  let first: BackgroundProcess | null = null;
  let second: BackgroundProcess | null = null;
  const env = {
    DATABASE_URL: db.url,
    SEARCH_ENGINE: 'postgres',
    MEILISEARCH_HOST: '',
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    NEXTAUTH_SECRET: 'skillgraph-fault-test-secret-0123456789',
  };
  try {
    log(`database ${db.name}: migrate + demo seed with ${CANDIDATES} candidates`);
    await npmRun(
      'db:seed',
      [],
      { DATABASE_URL: db.url, DEMO_CANDIDATE_COUNT: String(CANDIDATES), LOG_LEVEL: 'warn' },
      600_000,
    );
    await sql`insert into outbox (candidate_id, reason) select id, 'fault:worker-kill' from candidates order by id`;
    await sql`insert into outbox (candidate_id, reason) select id, 'fault:worker-kill second change' from candidates where abs(hashtext(id::text)) % 3 = 0`;
    const [{ total }] = await sql<{ total: number }[]>`select count(*)::int as total from outbox`;
    log(`${total} outbox rows enqueued; starting worker #1`);

    first = startBackground('npm', ['run', '--silent', 'worker'], env);
    let atKill = { processed: 0, leased: 0 };
    const midBatch = await waitFor(
      async () => {
        if (first!.exited()) return true;
        const [r] = await sql<{ processed: number; leased: number }[]>`
        select count(*) filter (where processed_at is not null)::int as processed,
               count(*) filter (where processed_at is null and available_at > now())::int as leased
        from outbox`;
        atKill = r;
        return r.processed > 0 && r.leased > 0;
      },
      240_000,
      20,
    );
    if (first.exited())
      throw new Error(
        `worker #1 exited on its own (exit ${first.exitCode()}):\n${first.logs().split('\n').slice(-10).join('\n')}`,
      );
    if (!midBatch) throw new Error('worker #1 never held a batch in flight within 240 s');
    await first.kill('SIGKILL');
    const [after] = await sql<{ processed: number; pending: number; leased: number }[]>`
      select count(*) filter (where processed_at is not null)::int as processed,
             count(*) filter (where processed_at is null)::int as pending,
             count(*) filter (where processed_at is null and available_at > now())::int as leased
      from outbox`;
    log(
      `SIGKILL mid-batch: ${after.processed} processed, ${after.pending} pending (${after.leased} still leased by the dead worker)`,
    );
    table.push([
      'at the kill',
      `${atKill.processed} of ${total} rows processed, ${atKill.leased} claimed in flight`,
    ]);
    table.push([
      'right after the kill',
      `${after.processed} processed, ${after.pending} pending, ${after.leased} leased by the dead worker`,
    ]);
    if (after.pending === 0) failures.push('the kill came too late: nothing left pending');

    log('starting worker #2');
    second = startBackground('npm', ['run', '--silent', 'worker'], env);
    const drained = await waitFor(
      async () => {
        const [{ n }] = await sql<
          { n: number }[]
        >`select count(*)::int as n from outbox where processed_at is null`;
        return n === 0;
      },
      300_000,
      500,
    );
    const [{ n: left }] = await sql<
      { n: number }[]
    >`select count(*)::int as n from outbox where processed_at is null`;
    table.push([
      'worker #2',
      drained
        ? `drained the outbox in ${((Date.now() - t0) / 1000).toFixed(0)} s since start (0 pending)`
        : `${left} rows still pending after 300 s`,
    ]);
    if (!drained) failures.push(`outbox did not drain after the restart: ${left} pending`);

    const [check] = await sql<
      {
        visible: number;
        hidden: number;
        docs: number;
        distinctDocs: number;
        missing: number;
        hiddenDocs: number;
        stale: number;
        orphan: number;
        retried: number;
      }[]
    >`
      select
        (select count(*) from candidates where visibility <> 'hidden')::int as visible,
        (select count(*) from candidates where visibility = 'hidden')::int as hidden,
        (select count(*) from search_documents)::int as docs,
        (select count(distinct candidate_id) from search_documents)::int as "distinctDocs",
        (select count(*) from candidates k where k.visibility <> 'hidden' and not exists (select 1 from search_documents d where d.candidate_id = k.id))::int as missing,
        (select count(*) from search_documents d join candidates k on k.id = d.candidate_id where k.visibility = 'hidden')::int as "hiddenDocs",
        (select count(*) from search_documents d join candidates k on k.id = d.candidate_id
           where d.display_name <> k.display_name or d.visibility <> k.visibility::text)::int as stale,
        (select count(*) from search_documents d where not exists (select 1 from candidates k where k.id = d.candidate_id))::int as orphan,
        (select count(*) from outbox where attempts > 1)::int as retried`;
    table.push([
      'documents',
      `${check.docs} (distinct candidates ${check.distinctDocs}) for ${check.visible} visible candidates; ${check.hidden} hidden`,
    ]);
    table.push(['lost (visible candidate without a document)', String(check.missing)]);
    table.push([
      'duplicated / stale / orphan / hidden-but-indexed',
      `${check.docs - check.distinctDocs} / ${check.stale} / ${check.orphan} / ${check.hiddenDocs}`,
    ]);
    table.push([
      'outbox rows attempted more than once (redelivered after the kill; idempotent)',
      String(check.retried),
    ]);
    if (check.missing)
      failures.push(`${check.missing} visible candidate(s) without a document (lost updates)`);
    if (check.docs !== check.distinctDocs)
      failures.push(`${check.docs - check.distinctDocs} duplicated document(s)`);
    if (check.stale) failures.push(`${check.stale} document(s) disagree with their candidate row`);
    if (check.orphan) failures.push(`${check.orphan} orphan document(s)`);
    if (check.hiddenDocs) failures.push(`${check.hiddenDocs} hidden candidate(s) indexed`);
    if (check.docs !== check.visible)
      failures.push(`${check.docs} documents for ${check.visible} visible candidates`);
  } finally {
    if (first) await first.kill('SIGKILL');
    if (second) await second.kill('SIGTERM');
    await sql.end({ timeout: 5 }).catch(() => undefined);
    await db.drop();
  }
  console.log(`\n### Fault: outbox worker killed mid-batch (${CANDIDATES} candidates)\n`);
  console.log('| check | result |\n| --- | --- |');
  for (const [k, v] of table) console.log(`| ${k} | ${v} |`);
  for (const f of failures) console.log(`FAIL: ${f}`);
  return failures.length === 0;
}

runMain('fault:worker-kill', main);
