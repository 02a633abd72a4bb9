/**
 * Turns a benchmark's `--json` object into table rows: figure, baseline, ratio. The area benchmarks each
 * choose their own JSON shape, so this finds every object that carries a ratio (a key named `ratio…` or
 * `…Ratio`/`speedup`) and reads the measured figure and the baseline next to it; known shapes get a
 * specific reading first.
 */
export interface FigureRow {
  benchmark: string;
  metric: string;
  figure: number | null;
  baseline: number | null;
  /** Measured / baseline expressed as "times better" (as the benchmark reported it when it did). */
  ratio: number | null;
  unit: string;
  note?: string;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const FIGURE_KEYS = [
  'p95',
  'p95Ms',
  'perSecond',
  'perSec',
  'opsPerSec',
  'credentialsPerSecond',
  'credentialsPerSec',
  'textsPerSecond',
  'textsPerSec',
  'throughput',
  'rate',
  'ms',
  'value',
];

function figureOf(o: Json): { value: number | null; unit: string } {
  for (const k of FIGURE_KEYS) {
    const v = num(o[k]);
    if (v !== null) return { value: v, unit: unitFor(k) };
  }
  return { value: null, unit: '' };
}

function unitFor(key: string): string {
  if (/ms|p\d\d|^p50|^p95/i.test(key)) return 'ms';
  if (/per ?sec|persec|rate|throughput|ops/i.test(key)) return '/s';
  return '';
}

function readSide(o: Json, side: 'measured' | 'baseline'): { value: number | null; unit: string } {
  const keys = Object.keys(o);
  const baselineKey = keys.find((k) => /baseline|naive|sql|ilike/i.test(k));
  if (side === 'baseline') {
    if (!baselineKey) return { value: null, unit: '' };
    const b = o[baselineKey];
    if (isObj(b)) return figureOf(b);
    return { value: num(b), unit: unitFor(baselineKey) };
  }
  // Measured: a figure key directly on the object, or a nested object that is not the baseline.
  const direct = figureOf(o);
  if (direct.value !== null && !(baselineKey && FIGURE_KEYS.includes(baselineKey))) return direct;
  for (const k of keys) {
    if (k === baselineKey || !isObj(o[k])) continue;
    const f = figureOf(o[k] as Json);
    if (f.value !== null) return f;
  }
  for (const k of keys) {
    if (k === baselineKey || /ratio|speedup|size|count|n$/i.test(k)) continue;
    const v = num(o[k]);
    if (v !== null) return { value: v, unit: unitFor(k) };
  }
  return { value: null, unit: '' };
}

function labelOf(o: Json, path: string): string {
  const parts: string[] = [];
  for (const k of ['name', 'label', 'suite', 'format', 'kind', 'job', 'dataset', 'query', 'mix', 'engine']) {
    if (typeof o[k] === 'string') parts.push(o[k] as string);
  }
  if (typeof o.partialCredit === 'boolean') parts.push(o.partialCredit ? 'partial credit' : 'exact');
  for (const k of ['size', 'candidates', 'n']) {
    if (typeof o[k] === 'number') parts.push(`${(o[k] as number).toLocaleString('en-US')}`);
  }
  return parts.length ? parts.join(' · ') : path || 'overall';
}

/** Generic reading: every object with a ratio. */
export function genericRows(benchmark: string, json: Json): FigureRow[] {
  const rows: FigureRow[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`));
      return;
    }
    if (!isObj(v)) return;
    const ratioKey = Object.keys(v).find((k) => /^ratio|ratio$|Ratio|speedup/i.test(k) && num(v[k]) !== null);
    if (ratioKey) {
      const m = readSide(v, 'measured');
      const b = readSide(v, 'baseline');
      rows.push({
        benchmark,
        metric: labelOf(v, path),
        figure: m.value,
        baseline: b.value,
        ratio: num(v[ratioKey]),
        unit: m.unit || b.unit,
      });
    }
    for (const [k, x] of Object.entries(v))
      if (isObj(x) || Array.isArray(x)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(json, '');
  return rows;
}

/** bench/rank.ts: cells with index/sql p50/p95 and ratioP95. */
function rankRows(json: Json): FigureRow[] | null {
  if (!Array.isArray(json.cells)) return null;
  const sizeRows = (Array.isArray(json.sizes) ? (json.sizes as Json[]) : []).flatMap((s): FigureRow[] => {
    const at = `${Number(s.size).toLocaleString('en-US')} candidates`;
    const row = (metric: string, figure: number | null, unit: string): FigureRow => ({
      benchmark: 'ranking',
      metric: `${at} · ${metric}`,
      figure,
      baseline: null,
      ratio: null,
      unit,
    });
    return [
      row('index memory', num(s.indexMiB), 'MiB'),
      row('rebuild from PostgreSQL (fresh process)', num(s.rebuildFromPostgresFreshProcessMs), 'ms'),
    ];
  });
  const cellRows = (json.cells as Json[]).map((c) => {
    const idx = isObj(c.index) ? c.index : {};
    const sql = isObj(c.sql) ? c.sql : null;
    return {
      benchmark: 'ranking',
      metric: `${Number(c.size).toLocaleString('en-US')} candidates · ${String(c.job)} job · ${c.partialCredit ? 'partial credit' : 'exact'} (p95, index vs SQL)`,
      figure: num(idx.p95),
      baseline: sql ? num(sql.p95) : null,
      ratio: num(c.ratioP95),
      unit: 'ms',
      note:
        typeof c.agree === 'string' || typeof c.agree === 'number'
          ? `same top 50: ${String(c.agree)}`
          : undefined,
    };
  });
  return [...cellRows, ...sizeRows];
}

export function rowsFor(benchmark: string, json: Json): FigureRow[] {
  const specific = ownRows(benchmark, json) ?? (benchmark === 'ranking' ? rankRows(json) : null);
  const rows = specific && specific.length ? specific : genericRows(benchmark, json);
  if (rows.length) return rows;
  return [
    {
      benchmark,
      metric: 'no figure with a baseline found in its --json output',
      figure: null,
      baseline: null,
      ratio: null,
      unit: '',
      note: 'see bench/results/latest.json for the raw object',
    },
  ];
}

/** bench/import.ts, bench/ingest.ts, bench/rank-partitioned.ts (this harness's own shapes). */
export function ownRows(benchmark: string, json: Json): FigureRow[] | null {
  if (json.bench === 'verify' && Array.isArray(json.rows)) {
    const out: FigureRow[] = [];
    for (const r of json.rows as Json[]) {
      out.push({
        benchmark,
        metric: `${String(r.name)}: one process`,
        figure: num(r.single),
        baseline: num(r.baseline),
        ratio: num(r.singleRatio),
        unit: 'credentials/s',
        note: 'baseline: library verify in a loop',
      });
      out.push({
        benchmark,
        metric: `${String(r.name)}: ${String(json.workers)} worker threads`,
        figure: num(r.pool),
        baseline: num(r.baseline),
        ratio: num(r.poolRatio),
        unit: 'credentials/s',
      });
      if (num(r.repeat) !== null)
        out.push({
          benchmark,
          metric: `${String(r.name)}: repeated upload (content-hash cache)`,
          figure: num(r.repeat),
          baseline: num(r.baseline),
          ratio: num(r.repeat) && num(r.baseline) ? (r.repeat as number) / (r.baseline as number) : null,
          unit: 'credentials/s',
        });
    }
    return out;
  }
  if (num(json.speedup_vs_naive) !== null && num(json.match_texts_per_s) !== null) {
    const wall = num(json.match_texts_per_s);
    const naive = num(json.naive_texts_per_s);
    return [
      {
        benchmark,
        metric: `${String(json.words_per_text)}-word texts vs ${String(json.labels)} ESCO labels: matcher, wall clock`,
        figure: wall,
        baseline: naive,
        ratio: num(json.speedup_vs_naive),
        unit: 'texts/s',
        note: 'baseline: includes-loop over every label',
      },
      {
        benchmark,
        metric: 'matcher per CPU second (load-independent)',
        figure: num(json.match_texts_per_cpu_s),
        baseline: null,
        ratio: null,
        unit: 'texts/s',
      },
      {
        benchmark,
        metric: 'full job-skill extraction, wall clock',
        figure: num(json.extract_texts_per_s),
        baseline: naive,
        ratio: num(json.extract_texts_per_s) && naive ? (json.extract_texts_per_s as number) / naive : null,
        unit: 'texts/s',
      },
      {
        benchmark,
        metric: 'matcher load for full ESCO (wall / CPU)',
        figure: num(json.matcher_load_ms),
        baseline: null,
        ratio: null,
        unit: 'ms',
        note: `CPU ${String(json.matcher_load_cpu_ms)} ms`,
      },
    ];
  }
  if (json.bench === 'taxonomy-import') {
    const imp = (json.import ?? {}) as Json;
    const rerun = (json.rerun ?? {}) as Json;
    const base = isObj(json.baseline) ? json.baseline : null;
    return [
      {
        benchmark,
        metric: `full ESCO import into ${String(json.target)} (wall clock)`,
        figure: num(imp.ms) !== null ? (imp.ms as number) / 1000 : null,
        baseline: base && num(base.ms) !== null ? (base.ms as number) / 1000 : null,
        ratio: num(json.ratio),
        unit: 's',
        note: base ? `baseline: ${String(base.method)}` : 'no row-by-row baseline (needs PostgreSQL)',
      },
      {
        benchmark,
        metric: `idempotent re-run (rows changed: ${String(rerun.rowsChanged ?? '?')})`,
        figure: num(rerun.ms) !== null ? (rerun.ms as number) / 1000 : null,
        baseline: null,
        ratio: null,
        unit: 's',
      },
    ];
  }
  if (json.bench === 'ingest') {
    const p = (json.path ?? {}) as Json;
    const b = (json.baseline ?? {}) as Json;
    const cli = (json.cli ?? {}) as Json;
    return [
      {
        benchmark,
        metric: `${String(json.wallets)} wallets, ${String(json.credentials)} credentials: ${String(p.name)}`,
        figure: num(p.perSecond),
        baseline: num(b.perSecond),
        ratio: num(json.ratio),
        unit: 'credentials/s',
        note: `baseline: ${String(b.name)}; ${String(p.verified)}/${String(json.credentials)} verified`,
      },
      {
        benchmark,
        metric: 'npm run credentials:verify on the same wallets (wall clock, process start included)',
        figure: num(cli.perSecond),
        baseline: num(b.perSecond),
        ratio:
          num(cli.perSecond) !== null && num(b.perSecond)
            ? (cli.perSecond as number) / (b.perSecond as number)
            : null,
        unit: 'credentials/s',
        note:
          typeof cli.missing === 'string'
            ? `MISSING: ${cli.missing}`
            : typeof cli.error === 'string'
              ? `FAILED: ${cli.error}`
              : undefined,
      },
      ...(isObj(json.service) ? [serviceRow(benchmark, json.service, p)] : []),
    ];
  }
  if (Array.isArray(json.partitions) && isObj(json.single)) {
    const single = json.single as Json;
    const rows: FigureRow[] = [];
    const mem = Array.isArray(json.memory) ? (json.memory as Json[]) : [];
    const last = mem[mem.length - 1];
    if (last) {
      rows.push({
        benchmark,
        metric: `index memory at ${Number(last.candidates).toLocaleString('en-US')} candidates (${String(last.bytesPerCandidate)} B/candidate)`,
        figure: num(last.indexMiB),
        baseline: null,
        ratio: null,
        unit: 'MiB',
      });
    }
    for (const p of json.partitions as Json[]) {
      const ideal = (p.idealParallel ?? {}) as Json;
      rows.push({
        benchmark,
        metric: `${String(p.parts)} partitions, scatter-gather top 50, ideal parallel (p95 vs 1 index)`,
        figure: num(ideal.p95),
        baseline: num(single.p95),
        ratio: num(ideal.p95) ? (single.p95 as number) / (ideal.p95 as number) : null,
        unit: 'ms',
        note: p.identicalTop50 ? 'identical top 50' : 'TOP 50 DIFFERS',
      });
    }
    const wt = isObj(json.workerThreads) ? json.workerThreads : null;
    rows.push({
      benchmark,
      metric: '2 worker threads, real scatter-gather (p95 vs 1 index)',
      figure: wt ? num(wt.p95) : null,
      baseline: num(single.p95),
      ratio: wt && num(wt.p95) ? (single.p95 as number) / (wt.p95 as number) : null,
      unit: 'ms',
      note: wt ? (wt.identicalTop50 ? 'identical top 50' : 'TOP 50 DIFFERS') : 'worker threads failed',
    });
    return rows;
  }
  return null;
}

function serviceRow(benchmark: string, service: Json, verifyOnly: Json): FigureRow {
  const figure = num(service.perSecond);
  const base = num(verifyOnly.perSecond);
  return {
    benchmark,
    metric:
      'credentials service ingestFile: verify + store + skill mapping + outbox (PostgreSQL), vs verification alone',
    figure,
    baseline: base,
    ratio: figure !== null && base ? figure / base : null,
    unit: 'credentials/s',
    note:
      typeof service.missing === 'string'
        ? `MISSING: ${service.missing}`
        : typeof service.error === 'string'
          ? `FAILED: ${service.error}`
          : `${String(service.stored)} stored`,
  };
}
