/**
 * `npm run fault:import-restart [-- --mode restart|terminate]`
 *
 * Database restart during an ESCO import. Imports ../shared/data/esco into a throwaway database on the local
 * PostgreSQL; as soon as the importer's write transaction is open (seen in pg_stat_activity), restarts the
 * server with `pg_ctlcluster 15 main restart` (mode `terminate` kills only the importer's backend instead, for
 * machines where other work shares the server). Then asserts:
 * - the interrupted import left nothing behind (no ESCO skills, no import record: it rolled back) — or, had it
 *   committed before the restart, everything;
 * - a re-run completes and records the full skill count;
 * - a third run changes nothing (idempotent).
 * NOTE: `restart` briefly disconnects every client of the local PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { argValue } from '@/bench/lib/args';
import { sharedDir } from '@/bench/generate';
import { postgresReachable } from '@/bench/lib/pg';
import {
  MissingDependencyError,
  createThrowawayDatabase,
  npmRun,
  requireNpmScript,
  runMain,
  sleep,
  startBackground,
  waitFor,
} from '../load/app-harness';

const MODE = argValue(process.argv.slice(2), 'mode') ?? 'restart';
const CLUSTER = (process.env.PG_CLUSTER ?? '15 main').split(' ');
const t0 = Date.now();
const log = (m: string) =>
  console.error(`[fault:import-restart +${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}`);

async function counts(url: string): Promise<{ skills: number; imports: number }> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const [s] = await sql<{ n: number }[]>`select count(*)::int as n from skills where framework_id = 'esco'`;
    const [i] = await sql<
      { n: number }[]
    >`select count(*)::int as n from taxonomy_imports where framework_id = 'esco'`;
    return { skills: s.n, imports: i.n };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function main(): Promise<boolean> {
  requireNpmScript('taxonomy:import');
  const esco = path.join(sharedDir(), 'data', 'esco');
  if (!fs.existsSync(path.join(esco, 'skills.csv')))
    throw new MissingDependencyError(`${esco} is absent (no ESCO data to import)`);
  if (MODE !== 'restart' && MODE !== 'terminate') throw new Error('--mode must be restart or terminate');
  const db = await createThrowawayDatabase('skillgraph_fault_import');
  const failures: string[] = [];
  const env = { DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
  try {
    await npmRun('db:migrate', [], env);
    log('starting the ESCO import');
    const importer = startBackground('npm', ['run', '--silent', 'taxonomy:import', '--', 'esco', esco], env);
    const watcher = postgres(db.url.replace(/\/[^/]+$/, '/postgres'), { max: 1, onnotice: () => undefined });
    let pid = 0;
    const inTransaction = await waitFor(
      async () => {
        if (importer.exited()) return true;
        // The write transaction: a backend on our database with an open transaction that has written something.
        const rows = await watcher<{ pid: number; xact_start: Date | null; backend_xid: string | null }[]>`
        select pid, xact_start, backend_xid::text from pg_stat_activity
        where datname = ${db.name} and pid <> pg_backend_pid() and backend_xid is not null`;
        if (rows.length) pid = rows[0].pid;
        return rows.length > 0;
      },
      180_000,
      100,
    );
    await watcher.end({ timeout: 2 }).catch(() => undefined);
    if (!inTransaction || importer.exited()) {
      failures.push(
        `the import ${importer.exited() ? `finished (exit ${importer.exitCode()})` : 'never opened a write transaction'} before the fault could be injected`,
      );
    } else {
      await sleep(1500); // well inside the transaction: rows are being written
      if (MODE === 'restart') {
        log(
          `importer is writing (backend ${pid}): restarting PostgreSQL (pg_ctlcluster ${CLUSTER.join(' ')} restart)`,
        );
        execFileSync('pg_ctlcluster', [...CLUSTER, 'restart'], { stdio: 'inherit', timeout: 120_000 });
      } else {
        log(`importer is writing (backend ${pid}): terminating its backend`);
        const admin = postgres(db.url.replace(/\/[^/]+$/, '/postgres'), {
          max: 1,
          onnotice: () => undefined,
        });
        await admin`select pg_terminate_backend(${pid})`;
        await admin.end({ timeout: 5 });
      }
      if (!(await waitFor(() => postgresReachable(), 60_000, 500)))
        throw new Error('PostgreSQL did not come back within 60 s');
      log('PostgreSQL is back; waiting for the interrupted importer to exit');
      if (!(await importer.wait(120_000))) {
        failures.push('the interrupted importer hung for 120 s after the restart');
        await importer.kill('SIGTERM');
      }
      log(`interrupted importer exit code: ${importer.exitCode()}`);
      const after = await counts(db.url);
      log(`after the fault: ${after.skills} ESCO skills, ${after.imports} import records`);
      if (importer.exitCode() === 0) {
        if (after.imports !== 1 || after.skills === 0)
          failures.push(
            `the importer exited 0 but the database holds ${after.skills} skills / ${after.imports} import records`,
          );
      } else if (after.skills !== 0 || after.imports !== 0) {
        failures.push(
          `partial import left behind: ${after.skills} ESCO skills, ${after.imports} import records (expected a clean rollback)`,
        );
      }
    }

    log('re-running the import');
    const rerun = await npmRun('taxonomy:import', ['esco', esco], env, 300_000);
    const reported = /(\d+) skills/.exec(rerun);
    const full = await counts(db.url);
    log(`re-run: ${rerun.trim().split('\n').pop()}`);
    if (full.skills === 0) failures.push('the re-run left no ESCO skills');
    if (reported && Number(reported[1]) < full.skills * 0.5)
      failures.push(`the re-run reported ${reported[1]} skills but the database holds ${full.skills}`);
    const third = await npmRun('taxonomy:import', ['esco', esco], env, 300_000);
    const changed = /(\d+) rows changed/.exec(third);
    if (!changed || Number(changed[1]) !== 0)
      failures.push(`a third run changed rows: ${third.trim().split('\n').pop()}`);
    const final = await counts(db.url);
    if (final.skills !== full.skills)
      failures.push(`skill count moved from ${full.skills} to ${final.skills} on an idempotent re-run`);

    console.log(
      `\n### Fault: ${MODE === 'restart' ? 'PostgreSQL restart' : 'backend terminated'} during the ESCO import\n`,
    );
    console.log('| check | result |\n| --- | --- |');
    console.log(`| interrupted importer | exit ${importer.exitCode()} |`);
    console.log(
      `| state after the fault | rolled back cleanly: ${failures.every((f) => !f.startsWith('partial')) ? 'yes' : 'NO'} |`,
    );
    console.log(`| re-run | ${full.skills} ESCO skills, ${full.imports} import record(s) |`);
    console.log(`| third run | ${changed ? changed[1] : '?'} rows changed |`);
    for (const f of failures) console.log(`FAIL: ${f}`);
  } finally {
    await db.drop();
  }
  return failures.length === 0;
}

runMain('fault:import-restart', main);
