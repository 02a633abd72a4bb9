/**
 * `npm run bench -- --size small|medium|large [--only name,name] [--budget-s N]`
 *
 * Runs every benchmark one after another (search last: it loads the most data, so a tight budget cuts it first) (they would distort each other in parallel on 2 cores), each as its
 * own process with `--json`, reads the JSON object on its last stdout line, writes everything to
 * bench/results/latest.json (git-ignored) and prints ONE Markdown table: each figure next to the baseline its
 * benchmark measured in the same run, and the ratio. A benchmark whose file is missing, that fails, times out
 * or prints no JSON is shown as such in the table — never left out.
 *
 * The whole run is bounded: each benchmark gets min(its own limit, what is left of the budget); the default
 * budget for `medium` keeps the run under 10 minutes on a 2-core machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import { argValue, parseSize, type BenchSize } from './lib/args';
import { lastJsonLine, runCommand, tail } from './lib/child';
import { rowsFor, type FigureRow } from './lib/extract';
import { fmt, fmtRatio, markdownTable } from './lib/table';
import { BENCH_PG_URL, postgresReachable } from './lib/pg';

interface BenchSpec {
  name: string;
  file: string;
  script: string;
  /**
   * The size arguments this benchmark understands for a harness size, or null when it has none (then it runs
   * at its own default and the table says so). Benchmarks differ: named sizes, numeric sizes, `--sizes` lists.
   */
  sizeArgs(size: BenchSize, source: string): string[] | null;
  /** Own time limit in seconds per harness size. */
  limitS: Readonly<Record<BenchSize, number>>;
  /** Needs a PostgreSQL server (DATABASE_URL is pointed at the local one when reachable and unset). */
  wantsPostgres?: boolean;
}

const NUMERIC: Readonly<Record<BenchSize, string>> = { small: '10k', medium: '100k', large: '1m' };
const COUNT: Readonly<Record<BenchSize, string>> = { small: '10000', medium: '100000', large: '1000000' };

function detectSizeArgs(size: BenchSize, source: string): string[] | null {
  if (/--sizes/.test(source)) return ['--sizes', size === 'large' ? '10000,100000,1000000' : COUNT[size]];
  if (!/['"`]size['"`]|--size/.test(source)) return null;
  return ['--size', /['"`]medium['"`]/.test(source) ? size : NUMERIC[size]];
}

/** For benchmarks that have one natural size (the full ESCO import). */
const noSize = (): string[] => [];

const SPECS: BenchSpec[] = [
  {
    name: 'verification',
    file: 'bench/verify.ts',
    script: 'bench:verify',
    sizeArgs: detectSizeArgs,
    limitS: { small: 150, medium: 120, large: 300 },
  },
  {
    name: 'skill mapping',
    file: 'bench/map.ts',
    script: 'bench:map',
    sizeArgs: detectSizeArgs,
    limitS: { small: 120, medium: 90, large: 300 },
  },
  {
    name: 'ranking',
    file: 'bench/rank.ts',
    script: 'bench:rank',
    sizeArgs: (s) => ['--size', NUMERIC[s]],
    limitS: { small: 180, medium: 150, large: 1200 },
  },
  {
    name: 'ranking partitioned',
    file: 'bench/rank-partitioned.ts',
    script: 'bench:rank-partitioned',
    sizeArgs: (s) => ['--size', s],
    limitS: { small: 120, medium: 90, large: 600 },
  },
  {
    name: 'taxonomy import',
    file: 'bench/import.ts',
    script: 'bench:import',
    sizeArgs: noSize,
    limitS: { small: 240, medium: 150, large: 300 },
  },
  {
    name: 'ingest end to end',
    file: 'bench/ingest.ts',
    script: 'bench:ingest',
    sizeArgs: (s) => ['--size', s],
    limitS: { small: 120, medium: 60, large: 600 },
  },
  {
    name: 'search',
    file: 'bench/search.ts',
    script: 'bench:search',
    sizeArgs: detectSizeArgs,
    limitS: { small: 300, medium: 240, large: 1800 },
    wantsPostgres: true,
  },
];

const DEFAULT_BUDGET_S: Readonly<Record<BenchSize, number>> = { small: 900, medium: 570, large: 5400 };

type Status = 'ok' | 'failed' | 'missing' | 'timed out' | 'no json' | 'skipped';

interface BenchOutcome {
  name: string;
  file: string;
  status: Status;
  reason?: string;
  sizeArgs: string[] | null;
  seconds: number;
  json: Record<string, unknown> | null;
  rows: FigureRow[];
}

async function runOne(spec: BenchSpec, size: BenchSize, remainingS: number): Promise<BenchOutcome> {
  const base = {
    name: spec.name,
    file: spec.file,
    sizeArgs: null as string[] | null,
    seconds: 0,
    json: null,
    rows: [] as FigureRow[],
  };
  if (!fs.existsSync(spec.file))
    return { ...base, status: 'missing', reason: `${spec.file} does not exist yet` };
  const limitS = Math.min(spec.limitS[size], remainingS);
  if (limitS < 10)
    return {
      ...base,
      status: 'skipped',
      reason: 'the run’s time budget was used up by the benchmarks before it',
    };
  const source = fs.readFileSync(spec.file, 'utf8');
  const sizeArgs = spec.sizeArgs(size, source);
  const args = ['tsx', spec.file, '--json', ...(sizeArgs ?? [])];
  const env: Record<string, string> = {};
  if (spec.wantsPostgres && !process.env.DATABASE_URL && (await postgresReachable()))
    env.DATABASE_URL = BENCH_PG_URL;
  process.stderr.write(
    `\n▶ ${spec.name}: ${env.DATABASE_URL ? `DATABASE_URL=${env.DATABASE_URL} ` : ''}npx ${args.join(' ')} (limit ${limitS} s)\n`,
  );
  const r = await runCommand('npx', args, {
    timeoutMs: limitS * 1000,
    env,
    echo: process.env.BENCH_ECHO === '1',
  });
  const seconds = Math.round(r.ms / 100) / 10;
  const json = lastJsonLine(r.stdout);
  const outcome: BenchOutcome = { ...base, sizeArgs, seconds, json, status: 'ok', rows: [] };
  if (r.timedOut) {
    outcome.status = 'timed out';
    outcome.reason = `killed after ${limitS} s`;
  } else if (r.code === 3 && !json) {
    outcome.status = 'skipped';
    outcome.reason = tail(r.stderr || r.stdout, 2);
  } else if (r.code !== 0) {
    outcome.status = 'failed';
    outcome.reason = `exit ${r.code}: ${tail(r.stderr || r.stdout, 3)}`;
  } else if (!json) {
    outcome.status = 'no json';
    outcome.reason = 'exited 0 but printed no JSON object on its last line';
  }
  if (json) outcome.rows = rowsFor(spec.name, json);
  if (!sizeArgs) {
    outcome.reason = [outcome.reason, `takes no --size: ran at its own default size`]
      .filter(Boolean)
      .join('; ');
  }
  process.stderr.write(
    `  ${outcome.status} in ${seconds} s${outcome.reason ? ` — ${outcome.reason.split('\n')[0]}` : ''}\n`,
  );
  return outcome;
}

function tableRows(outcomes: readonly BenchOutcome[]): string[][] {
  const rows: string[][] = [];
  for (const o of outcomes) {
    const statusCell = o.status === 'ok' ? 'ok' : `**${o.status.toUpperCase()}**`;
    if (o.rows.length === 0) {
      rows.push([o.name, o.reason ?? '', '—', '—', '—', statusCell]);
      continue;
    }
    o.rows.forEach((r, i) => {
      const unit = r.unit;
      const status =
        i === 0 ? statusCell + (o.status !== 'ok' && o.reason ? ` (${o.reason.split('\n')[0]})` : '') : '';
      const notes = [r.note, i === 0 && o.status === 'ok' && o.reason ? o.reason : undefined]
        .filter(Boolean)
        .join('; ');
      rows.push([
        i === 0 ? o.name : '',
        r.metric + (notes ? ` — ${notes}` : ''),
        fmt(r.figure, unit),
        fmt(r.baseline, unit),
        fmtRatio(r.ratio),
        status,
      ]);
    });
  }
  return rows;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const size = parseSize(argv);
  const only = argValue(argv, 'only')
    ?.split(',')
    .map((s) => s.trim().toLowerCase());
  const budgetS = Number(argValue(argv, 'budget-s') ?? DEFAULT_BUDGET_S[size]);
  const started = Date.now();
  const outcomes: BenchOutcome[] = [];
  for (const spec of SPECS) {
    if (only && !only.some((o) => spec.name.includes(o) || spec.script.includes(o))) continue;
    const remaining = budgetS - (Date.now() - started) / 1000;
    outcomes.push(await runOne(spec, size, Math.floor(remaining)));
  }
  const totalS = Math.round((Date.now() - started) / 1000);
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load avg ${os.loadavg()[0].toFixed(1)}`;
  const result = {
    size,
    startedAt: new Date(started).toISOString(),
    totalSeconds: totalS,
    budgetSeconds: budgetS,
    machine,
    outcomes,
  };
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/latest.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n## Skillgraph benchmarks — size ${size} (${totalS} s; ${machine})\n`);
  console.log(
    markdownTable(
      ['benchmark', 'metric', 'figure', 'in-run baseline', 'ratio (× better)', 'status'],
      tableRows(outcomes),
    ),
  );
  console.log(`\nRaw results: bench/results/latest.json`);
  if (outcomes.some((o) => o.status !== 'ok')) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
