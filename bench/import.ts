/**
 * `npm run bench:import [-- --json]` — times `npm run taxonomy:import -- esco ../shared/data/esco` into a
 * throwaway database (a fresh database on the local PostgreSQL at 127.0.0.1:5432, else a fresh PGlite folder),
 * then the idempotent re-run, against an in-run baseline: naive row-by-row INSERTs (one autocommitted statement
 * per row, the way a first importer is usually written) of a subset of the same rows, extrapolated to the
 * import's row count. Exits 3 with a message when ../shared/data/esco is absent.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import postgres from 'postgres';
import { sharedDir } from './generate';
import { hasFlag } from './lib/args';
import { runCommand, tail } from './lib/child';
import { fmt, fmtRatio, markdownTable } from './lib/table';
import { round } from './lib/stats';
import { BENCH_PG_URL, postgresReachable, withDatabase } from './lib/pg';

const SUBSET = 1500;

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file), {
    columns: true,
    skip_empty_lines: true,
    relax_quotes: true,
  }) as Record<string, string>[];
}

interface NaiveTables {
  skills: Record<string, string>[];
  labels: { uri: string; label: string }[];
  broader: Record<string, string>[];
  relations: Record<string, string>[];
  occupations: Record<string, string>[];
  occupationSkills: Record<string, string>[];
}

function loadRows(dir: string): NaiveTables {
  const skills = readCsv(path.join(dir, 'skills.csv'));
  const occupations = readCsv(path.join(dir, 'occupations.csv'));
  const labels: { uri: string; label: string }[] = [];
  for (const r of [...skills, ...occupations]) {
    for (const l of (r.altLabels ?? '').split(/\||\n/))
      if (l.trim()) labels.push({ uri: r.conceptUri, label: l.trim() });
  }
  return {
    skills,
    labels,
    broader: readCsv(path.join(dir, 'skill_broader.csv')),
    relations: readCsv(path.join(dir, 'skill_relations.csv')),
    occupations,
    occupationSkills: readCsv(path.join(dir, 'occupation_skills.csv')),
  };
}

/** Naive baseline: one INSERT per row, autocommit, into plain tables shaped like the taxonomy's. */
async function naiveBaseline(
  url: string,
  t: NaiveTables,
): Promise<{ rowsPerSecond: number; subsetRows: number; totalRows: number; extrapolatedMs: number }> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await sql.unsafe(`
      create table naive_skill (uri text primary key, skill_type text, reuse_level text, label text, description text);
      create table naive_label (uri text, label text, primary key (uri, label));
      create table naive_broader (uri text, broader_uri text, primary key (uri, broader_uri));
      create table naive_relation (uri text, related_uri text, relation text, primary key (uri, related_uri));
      create table naive_occupation (uri text primary key, code text, label text, description text);
      create table naive_occupation_skill (occupation_uri text, skill_uri text, relation text, primary key (occupation_uri, skill_uri));
    `);
    const share = (n: number, total: number) => Math.max(1, Math.round((SUBSET * n) / total));
    const totalRows =
      t.skills.length +
      t.labels.length +
      t.broader.length +
      t.relations.length +
      t.occupations.length +
      t.occupationSkills.length;
    let rows = 0;
    const start = performance.now();
    for (const r of t.skills.slice(0, share(t.skills.length, totalRows))) {
      await sql`insert into naive_skill values (${r.conceptUri}, ${r.skillType}, ${r.reuseLevel}, ${r.preferredLabel}, ${r.description}) on conflict do nothing`;
      rows++;
    }
    for (const r of t.labels.slice(0, share(t.labels.length, totalRows))) {
      await sql`insert into naive_label values (${r.uri}, ${r.label}) on conflict do nothing`;
      rows++;
    }
    for (const r of t.broader.slice(0, share(t.broader.length, totalRows))) {
      await sql`insert into naive_broader values (${r.conceptUri}, ${r.broaderUri}) on conflict do nothing`;
      rows++;
    }
    for (const r of t.relations.slice(0, share(t.relations.length, totalRows))) {
      await sql`insert into naive_relation values (${r.originalSkillUri}, ${r.relatedSkillUri}, ${r.relationType}) on conflict do nothing`;
      rows++;
    }
    for (const r of t.occupations.slice(0, share(t.occupations.length, totalRows))) {
      await sql`insert into naive_occupation values (${r.conceptUri}, ${r.code}, ${r.preferredLabel}, ${r.description}) on conflict do nothing`;
      rows++;
    }
    for (const r of t.occupationSkills.slice(0, share(t.occupationSkills.length, totalRows))) {
      await sql`insert into naive_occupation_skill values (${r.occupationUri}, ${r.skillUri}, ${r.relationType}) on conflict do nothing`;
      rows++;
    }
    const ms = performance.now() - start;
    const rowsPerSecond = (rows / ms) * 1000;
    return { rowsPerSecond, subsetRows: rows, totalRows, extrapolatedMs: (totalRows / rowsPerSecond) * 1000 };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export interface ImportBenchResult {
  bench: 'taxonomy-import';
  target: 'postgresql' | 'pglite';
  import: { ms: number; importerReportedMs: number | null; ok: boolean };
  rerun: { ms: number; rowsChanged: number | null; ok: boolean; output: string };
  baseline: {
    ms: number;
    rowsPerSecond: number;
    subsetRows: number;
    totalRows: number;
    method: string;
  } | null;
  ratio: number | null;
  error?: string;
}

function importerSeconds(out: string): number | null {
  const m = /(\d+(?:\.\d+)?) s\s*$/m.exec(out);
  return m ? Math.round(Number(m[1]) * 1000) : null;
}

function rowsChanged(out: string): number | null {
  const m = /(\d+) rows changed/.exec(out);
  return m ? Number(m[1]) : null;
}

const t0 = performance.now();
const log = (m: string) =>
  console.error(`[bench:import +${((performance.now() - t0) / 1000).toFixed(1)}s] ${m}`);

async function main(): Promise<void> {
  const json = hasFlag(process.argv.slice(2), 'json');
  const esco = path.join(sharedDir(), 'data', 'esco');
  if (!fs.existsSync(path.join(esco, 'skills.csv'))) {
    console.error(`bench:import: ${esco} is absent (no ESCO data to import); skipped.`);
    process.exit(3);
  }
  const usePg = await postgresReachable();
  log(`PostgreSQL at 127.0.0.1 reachable: ${usePg}`);
  const dbName = `skillgraph_bench_import_${process.pid}`;
  const pgliteDir = path.join(os.tmpdir(), `skillgraph-bench-import-${process.pid}`, 'pglite');
  const admin = usePg ? postgres(BENCH_PG_URL, { max: 1, onnotice: () => undefined }) : null;
  const env: Record<string, string> = usePg
    ? { DATABASE_URL: withDatabase(BENCH_PG_URL, dbName), LOG_LEVEL: 'warn' }
    : { DATABASE_URL: '', PGLITE_DATA_DIR: pgliteDir, LOG_LEVEL: 'warn' };
  if (!usePg) fs.mkdirSync(path.dirname(pgliteDir), { recursive: true });
  const result: ImportBenchResult = {
    bench: 'taxonomy-import',
    target: usePg ? 'postgresql' : 'pglite',
    import: { ms: 0, importerReportedMs: null, ok: false },
    rerun: { ms: 0, rowsChanged: null, ok: false, output: '' },
    baseline: null,
    ratio: null,
  };
  try {
    if (admin) await admin.unsafe(`create database ${dbName}`);
    log(`importing ESCO into a throwaway ${result.target} database…`);
    const first = await runCommand('npm', ['run', '--silent', 'taxonomy:import', '--', 'esco', esco], {
      timeoutMs: 240_000,
      env,
    });
    result.import = { ms: first.ms, importerReportedMs: importerSeconds(first.stdout), ok: first.code === 0 };
    if (first.code !== 0)
      throw new Error(
        `import failed (exit ${first.code}${first.timedOut ? ', timed out' : ''}): ${tail(first.stderr || first.stdout)}`,
      );
    log(`import done (exit ${first.code}); idempotent re-run…`);
    const second = await runCommand('npm', ['run', '--silent', 'taxonomy:import', '--', 'esco', esco], {
      timeoutMs: 240_000,
      env,
    });
    result.rerun = {
      ms: second.ms,
      rowsChanged: rowsChanged(second.stdout),
      ok: second.code === 0,
      output: tail(second.stdout, 2).replace(/\n/g, ' '),
    };
    if (usePg) {
      log('naive row-by-row baseline on a subset…');
      const b = await naiveBaseline(withDatabase(BENCH_PG_URL, dbName), loadRows(esco));
      result.baseline = {
        ms: Math.round(b.extrapolatedMs),
        rowsPerSecond: round(b.rowsPerSecond, 1),
        subsetRows: b.subsetRows,
        totalRows: b.totalRows,
        method: `one autocommitted INSERT per row, ${b.subsetRows} rows measured, extrapolated to ${b.totalRows} CSV rows`,
      };
      result.ratio = round(b.extrapolatedMs / result.import.ms, 2);
    }
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  } finally {
    if (admin) {
      await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
      await admin.end({ timeout: 5 });
    } else fs.rmSync(path.dirname(pgliteDir), { recursive: true, force: true });
  }
  log('done');
  console.log(
    markdownTable(
      ['step', 'time', 'baseline', 'ratio'],
      [
        [
          `ESCO import (${result.target}, wall clock incl. npm/tsx start)`,
          result.import.ok ? fmt(result.import.ms / 1000, 's') : 'FAILED',
          result.baseline ? fmt(result.baseline.ms / 1000, 's') : '—',
          fmtRatio(result.ratio),
        ],
        [
          'importer-reported time',
          result.import.importerReportedMs !== null ? fmt(result.import.importerReportedMs / 1000, 's') : '—',
          '',
          '',
        ],
        [
          `re-run (idempotent; rows changed: ${result.rerun.rowsChanged ?? '?'}): ${result.rerun.output}`,
          result.rerun.ok ? fmt(result.rerun.ms / 1000, 's') : 'FAILED',
          '',
          '',
        ],
      ],
    ),
  );
  if (result.error) console.error(result.error);
  if (json) console.log(JSON.stringify(result));
  if (result.error) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
