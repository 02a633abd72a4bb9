/**
 * `npm run bench:rank-partitioned -- --size small|medium|large [--memory-only] [--json]`
 *
 * Backs the ranking tier's sharding plan (docs/SCALING.md) with a local measurement:
 * 1. the in-memory ranking index's memory and build time per candidate count;
 * 2. ranking split across N partitions (candidates hashed to partitions, each with its own index) with a
 *    scatter-gather top-K merge, against one index holding everyone — same jobs, same results (asserted:
 *    the merged top 50 equals the single index's top 50, ids and points);
 * 3. a real parallel scatter-gather over 2 worker threads (this machine has 2 cores), messaging included.
 *
 * "Ideal parallel" latency = slowest partition + merge (what N ranking workers on N machines would see, minus
 * the network); "one core" = the sum of the partitions + merge (the same work serialised).
 */
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  RankingIndexBuilder,
  compileIndexQuery,
  expandJob,
  taxonomyFromMaps,
  type IndexHit,
  type IndexQuery,
  type RankingIndex,
} from '@/server/domain/ranking';
import {
  BENCH_TODAY_DAY,
  loadSkillUniverse,
  syntheticCandidates,
  syntheticJobs,
  type SkillUniverse,
} from './generate';
import { SIZE_COUNTS, hasFlag, parseSize, type BenchSize } from './lib/args';
import { markdownTable, fmt, fmtRatio } from './lib/table';
import { round, summarize } from './lib/stats';
import { gc, now } from './lib/timing';

const TOP_K = 50;
const SEED = 1;

function hashPartition(id: string, parts: number): number {
  // The uuid's first 8 hex digits are uniformly random: a stable, even partitioning key.
  return parseInt(id.slice(0, 8), 16) % parts;
}

function buildIndexes(
  universe: SkillUniverse,
  count: number,
  parts: number,
  only?: number,
): { indexes: (RankingIndex | null)[]; ms: number } {
  const start = now();
  const builders = Array.from({ length: parts }, (_, p) =>
    only === undefined || only === p ? new RankingIndexBuilder() : null,
  );
  for (const c of syntheticCandidates(universe, count, SEED)) {
    const b = builders[hashPartition(c.id, parts)];
    b?.add(c.id, c.visibility, c.rows);
  }
  const indexes = builders.map((b) => (b ? b.build() : null));
  return { indexes, ms: now() - start };
}

function compileQueries(universe: SkillUniverse, jobsPerKind: number): { label: string; q: IndexQuery }[] {
  const taxonomy = taxonomyFromMaps({
    broader: universe.broader,
    related: universe.related,
    labels: universe.labelOf,
  });
  const out: { label: string; q: IndexQuery }[] = [];
  for (const kind of ['popular', 'niche'] as const) {
    for (const job of syntheticJobs(universe, jobsPerKind, kind, SEED)) {
      for (const partial of [false, true]) {
        const routes = expandJob(job.requirements, taxonomy, partial);
        const q = compileIndexQuery(job.requirements, routes, {
          verifiedOnly: false,
          mustHavesOnly: false,
          limit: TOP_K,
          asOfDay: BENCH_TODAY_DAY,
        });
        out.push({
          label: `${kind}${partial ? '+partial' : ''}`,
          q: { ...q, appliedCandidateIds: new Set() },
        });
      }
    }
  }
  return out;
}

/** Scatter-gather merge: points descending, then candidate uuid ascending (the index's own tie-break). */
export function mergeTopK(lists: readonly (readonly IndexHit[])[], k: number): IndexHit[] {
  const all = lists.flat();
  all.sort(
    (a, b) =>
      b.points - a.points || (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0),
  );
  return all.slice(0, k);
}

function sameHits(a: readonly IndexHit[], b: readonly IndexHit[]): boolean {
  return (
    a.length === b.length && a.every((h, i) => h.candidateId === b[i].candidateId && h.points === b[i].points)
  );
}

interface WorkerInit {
  count: number;
  parts: number;
  part: number;
  jobsPerKind: number;
}

async function workerMain(): Promise<void> {
  const init = workerData as WorkerInit;
  const universe = loadSkillUniverse();
  const { indexes } = buildIndexes(universe, init.count, init.parts, init.part);
  const index = indexes[init.part]!;
  const queries = compileQueries(universe, init.jobsPerKind);
  parentPort!.postMessage({ ready: true });
  parentPort!.on('message', (m: { qi: number }) => {
    const hits = index.query(queries[m.qi].q);
    parentPort!.postMessage({ qi: m.qi, hits });
  });
}

async function parallelScatterGather(
  count: number,
  parts: number,
  jobsPerKind: number,
  nQueries: number,
  rounds: number,
  reference: IndexHit[][],
): Promise<{ latencies: number[]; identical: boolean }> {
  const workers = Array.from(
    { length: parts },
    // The worker runs this same TypeScript file, so it needs tsx's loader too.
    (_, part) =>
      new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`,
        { eval: true, workerData: { count, parts, part, jobsPerKind } satisfies WorkerInit },
      ),
  );
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((res, rej) => {
          w.once('message', () => res());
          w.once('error', rej);
        }),
    ),
  );
  const ask = (w: Worker, qi: number) =>
    new Promise<IndexHit[]>((res) => {
      const on = (m: { qi: number; hits: IndexHit[] }) => {
        if (m.qi !== qi) return;
        w.off('message', on);
        res(m.hits);
      };
      w.on('message', on);
      w.postMessage({ qi });
    });
  const latencies: number[] = [];
  let identical = true;
  for (let qi = 0; qi < nQueries; qi++) await Promise.all(workers.map((w) => ask(w, qi))); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (let qi = 0; qi < nQueries; qi++) {
      const start = now();
      const lists = await Promise.all(workers.map((w) => ask(w, qi)));
      const merged = mergeTopK(lists, TOP_K);
      latencies.push(now() - start);
      if (!sameHits(merged, reference[qi])) {
        if (identical && process.env.DEBUG_PARTITIONS) {
          const d = merged.findIndex(
            (h, i) =>
              h.candidateId !== reference[qi][i]?.candidateId || h.points !== reference[qi][i]?.points,
          );
          console.error(
            `query ${qi}: first difference at rank ${d}: merged ${JSON.stringify(merged[d])} vs single ${JSON.stringify(reference[qi][d])}; lengths ${merged.length}/${reference[qi].length}; per worker ${lists.map((l) => l.length).join('+')}`,
          );
        }
        identical = false;
      }
    }
  }
  await Promise.all(workers.map((w) => w.terminate()));
  return { latencies, identical };
}

export interface PartitionedResult {
  size: BenchSize;
  candidates: number;
  skillSource: string;
  memory: {
    candidates: number;
    indexMiB: number;
    bytesPerCandidate: number;
    postings: number;
    buildMs: number;
  }[];
  single: { p50: number; p95: number };
  partitions: {
    parts: number;
    idealParallel: { p50: number; p95: number };
    oneCore: { p50: number; p95: number };
    mergeP95: number;
    identicalTop50: boolean;
  }[];
  workerThreads: { parts: number; p50: number; p95: number; identicalTop50: boolean } | null;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const size = parseSize(argv);
  const json = hasFlag(argv, 'json');
  const count = SIZE_COUNTS[size];
  const universe = loadSkillUniverse();
  const jobsPerKind = 10;
  const rounds = size === 'large' ? 3 : 5;
  const log = (s: string) => console.error(s);
  log(`rank-partitioned: ${count} candidates, skills from ${universe.source}`);

  // 1. Memory and build time per candidate count.
  const memory: PartitionedResult['memory'] = [];
  const steps = [1_000, 10_000, 100_000, 1_000_000].filter((n) => n <= count);
  for (const n of hasFlag(argv, 'workers-only') ? [] : steps) {
    gc();
    const { indexes, ms } = buildIndexes(universe, n, 1);
    const st = indexes[0]!.stats();
    memory.push({
      candidates: n,
      indexMiB: round(st.bytes / 1048576, 1),
      bytesPerCandidate: Math.round(st.bytes / n),
      postings: st.postings,
      buildMs: Math.round(ms),
    });
    log(
      `  index at ${n}: ${(st.bytes / 1048576).toFixed(1)} MiB, ${st.postings} postings, built in ${ms.toFixed(0)} ms (incl. generation)`,
    );
  }

  if (hasFlag(argv, 'memory-only')) {
    console.log(
      markdownTable(
        ['candidates', 'index MiB', 'bytes / candidate', 'postings', 'generate + build ms'],
        memory.map((m) => [
          m.candidates.toLocaleString('en-US'),
          fmt(m.indexMiB),
          m.bytesPerCandidate,
          m.postings.toLocaleString('en-US'),
          m.buildMs,
        ]),
      ),
    );
    if (json) console.log(JSON.stringify({ size, candidates: count, skillSource: universe.source, memory }));
    return;
  }

  // 2. Single index vs N partitions, sequential simulation.
  const queries = compileQueries(universe, jobsPerKind);
  const single = buildIndexes(universe, count, 1).indexes[0]!;
  const reference = queries.map(({ q }) => single.query(q));
  const singleLat: number[] = [];
  for (const { q } of queries) single.query(q); // warm-up: JIT and scratch buffers
  for (let r = 0; r < rounds; r++) {
    for (const { q } of queries) {
      const s = now();
      single.query(q);
      singleLat.push(now() - s);
    }
  }
  const ss = summarize(singleLat);
  const partitions: PartitionedResult['partitions'] = [];
  for (const parts of hasFlag(argv, 'workers-only') ? [] : [2, 4, 8]) {
    const { indexes } = buildIndexes(universe, count, parts);
    const ideal: number[] = [];
    const oneCore: number[] = [];
    const merges: number[] = [];
    let identical = true;
    for (const { q } of queries) for (const idx of indexes) idx!.query(q); // warm-up
    for (let r = 0; r < rounds; r++) {
      queries.forEach(({ q }, qi) => {
        let max = 0;
        let sum = 0;
        const lists: IndexHit[][] = [];
        for (const idx of indexes) {
          const s = now();
          lists.push(idx!.query(q));
          const t = now() - s;
          max = Math.max(max, t);
          sum += t;
        }
        const ms = now();
        const merged = mergeTopK(lists, TOP_K);
        const m = now() - ms;
        merges.push(m);
        ideal.push(max + m);
        oneCore.push(sum + m);
        if (!sameHits(merged, reference[qi])) identical = false;
      });
    }
    const si = summarize(ideal);
    const so = summarize(oneCore);
    partitions.push({
      parts,
      idealParallel: { p50: round(si.p50), p95: round(si.p95) },
      oneCore: { p50: round(so.p50), p95: round(so.p95) },
      mergeP95: round(summarize(merges).p95, 3),
      identicalTop50: identical,
    });
    log(
      `  ${parts} partitions: ideal-parallel p95 ${si.p95.toFixed(2)} ms, one-core p95 ${so.p95.toFixed(2)} ms, identical top-50: ${identical}`,
    );
    indexes.length = 0;
    gc();
  }

  // 3. Real parallel scatter-gather on 2 worker threads.
  let workerThreads: PartitionedResult['workerThreads'] = null;
  try {
    const wt = await parallelScatterGather(count, 2, jobsPerKind, queries.length, rounds, reference);
    const s = summarize(wt.latencies);
    workerThreads = { parts: 2, p50: round(s.p50), p95: round(s.p95), identicalTop50: wt.identical };
    log(`  2 worker threads: p95 ${s.p95.toFixed(2)} ms, identical top-50: ${wt.identical}`);
  } catch (e) {
    log(`  worker threads failed: ${e instanceof Error ? e.message : String(e)}`);
  }

  const result: PartitionedResult = {
    size,
    candidates: count,
    skillSource: universe.source,
    memory,
    single: { p50: round(ss.p50), p95: round(ss.p95) },
    partitions,
    workerThreads,
  };

  console.log(`\n### Ranking index memory (${universe.source} skills)\n`);
  console.log(
    markdownTable(
      ['candidates', 'index MiB', 'bytes / candidate', 'postings', 'generate + build ms'],
      memory.map((m) => [
        m.candidates.toLocaleString('en-US'),
        fmt(m.indexMiB),
        m.bytesPerCandidate,
        m.postings.toLocaleString('en-US'),
        m.buildMs,
      ]),
    ),
  );
  console.log(
    `\n### Scatter-gather top-${TOP_K} at ${count.toLocaleString('en-US')} candidates (${queries.length} queries × ${rounds})\n`,
  );
  console.log(
    markdownTable(
      ['layout', 'p50 ms', 'p95 ms', 'baseline (1 index) p95 ms', 'ratio', 'identical top 50'],
      [
        ['1 index', fmt(ss.p50), fmt(ss.p95), fmt(ss.p95), '1.0×', 'yes'],
        ...partitions.flatMap((p) => [
          [
            `${p.parts} partitions, ideal parallel`,
            fmt(p.idealParallel.p50),
            fmt(p.idealParallel.p95),
            fmt(ss.p95),
            fmtRatio(ss.p95 / p.idealParallel.p95),
            p.identicalTop50 ? 'yes' : 'NO',
          ],
          [
            `${p.parts} partitions, one core`,
            fmt(p.oneCore.p50),
            fmt(p.oneCore.p95),
            fmt(ss.p95),
            fmtRatio(ss.p95 / p.oneCore.p95),
            p.identicalTop50 ? 'yes' : 'NO',
          ],
        ]),
        workerThreads
          ? [
              '2 worker threads (real)',
              fmt(workerThreads.p50),
              fmt(workerThreads.p95),
              fmt(ss.p95),
              fmtRatio(ss.p95 / workerThreads.p95),
              workerThreads.identicalTop50 ? 'yes' : 'NO',
            ]
          : ['2 worker threads (real)', 'failed', '', fmt(ss.p95), '—', ''],
      ],
    ),
  );
  const bad = partitions.some((p) => !p.identicalTop50) || (workerThreads && !workerThreads.identicalTop50);
  if (json) console.log(JSON.stringify(result));
  if (bad) {
    console.error('FAIL: a partitioned top-50 differs from the single index');
    process.exitCode = 1;
  }
}

if (isMainThread) {
  if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
    main().catch((e) => {
      console.error(e);
      process.exit(1);
    });
  }
} else {
  workerMain().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
