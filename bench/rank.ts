/**
 * bench:rank — the in-memory ranking index against the SQL aggregate baseline, measured in the same run.
 *
 *   npm run bench:rank                       # 10k, 100k, 1M
 *   npm run bench:rank -- --size 100k        # one size (10k | 100k | 1m | any integer)
 *   npm run bench:rank -- --json             # also one JSON object on the last line
 *   npm run bench:rank -- --no-sql           # index only
 *   npm run bench:rank -- --keep-db          # leave the PostgreSQL bench database in place afterwards
 *   npm run bench:rank -- --reuse-db         # use that database when it holds the generated rows (skips the load)
 *
 * Synthetic candidates draw 10–30 skills from real ESCO occupation skill profiles (../shared/data/esco, or
 * SKILLGRAPH_SHARED_DIR) with Zipf-like occupation popularity; without ESCO data, from the starter taxonomy.
 * Jobs have 20 skills: "popular" from the most held skills, "niche" from a rare occupation's profile. The SQL
 * baseline runs against PostgreSQL at 127.0.0.1:5432 (database skillgraph_bench_rank, created and dropped here)
 * with a covering index and work_mem = 64MB; rebuild time is a full COPY load of that table into a new index.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import postgres from 'postgres';
import { createDb } from '@/db/client';
import { loadRankingIndex, rankWithSql } from '@/server/adapters/db/ranking.repo';
import { lastJsonLine, runCommand } from './lib/child';
import {
  RankingIndexBuilder,
  compileIndexQuery,
  dayNumber,
  expandJob,
  taxonomyFromMaps,
  type IndexHit,
  type JobRequirement,
  type RankingIndex,
  type TaxonomyView,
} from '@/server/domain/ranking';
import { seededRandom } from '@/db/seed/demo-candidates';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const parseSize = (s: string) => {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`bad --size ${s}`);
  return Math.round(Number(m[1]) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1));
};
const SIZES = (opt('size') ?? '10k,100k,1m').split(',').map(parseSize);
const JSON_OUT = flag('json');
const NO_SQL = flag('no-sql');
const KEEP_DB = flag('keep-db');
const REUSE_DB = flag('reuse-db');
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'skillgraph_bench_rank';
const SHARED = process.env.SKILLGRAPH_SHARED_DIR ?? path.resolve(process.cwd(), '../shared');
const AS_OF_DAY = dayNumber(new Date());
const LIMIT = 50;
const LOAD_AT_START = os.loadavg();

const log = (...m: unknown[]) => console.error('[bench:rank]', ...m);

/** Samples 0..n-1 with P(i) ∝ 1/(i+1)^s. */
function zipf(n: number, s: number, rand: () => number) {
  const cdf = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) cdf[i] = acc += 1 / Math.pow(i + 1, s);
  return () => {
    const x = rand() * acc;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

interface World {
  source: string;
  taxonomy: TaxonomyView;
  /** Occupation skill profiles (skill ids). */
  profiles: string[][];
}

function loadWorld(): World {
  const esco = path.join(SHARED, 'data/esco');
  const escoId = (uri: string) =>
    uri.startsWith('http://data.europa.eu/esco/skill/')
      ? 'esco:' + uri.slice('http://data.europa.eu/esco/skill/'.length)
      : 'esco:' + uri.replace('http://data.europa.eu/esco/', '');
  if (fs.existsSync(path.join(esco, 'occupation_skills.csv'))) {
    const read = (f: string) =>
      parse(fs.readFileSync(path.join(esco, f)), { columns: true, skip_empty_lines: true }) as Record<
        string,
        string
      >[];
    const broader = new Map<string, string[]>();
    for (const r of read('skill_broader.csv')) {
      const id = escoId(r.conceptUri);
      broader.set(id, [...(broader.get(id) ?? []), escoId(r.broaderUri)]);
    }
    const related = new Map<string, { id: string; relation: 'essential' | 'optional' }[]>();
    for (const r of read('skill_relations.csv')) {
      const id = escoId(r.originalSkillUri);
      related.set(id, [
        ...(related.get(id) ?? []),
        {
          id: escoId(r.relatedSkillUri),
          relation: r.relationType === 'essential' ? 'essential' : 'optional',
        },
      ]);
    }
    const byOcc = new Map<string, string[]>();
    for (const r of read('occupation_skills.csv')) {
      const list = byOcc.get(r.occupationUri) ?? [];
      list.push(escoId(r.skillUri));
      byOcc.set(r.occupationUri, list);
    }
    const profiles = [...byOcc.keys()]
      .sort()
      .map((k) => byOcc.get(k)!)
      .filter((p) => p.length >= 10);
    return {
      source: `ESCO v1.1.1 (${profiles.length} occupation profiles)`,
      taxonomy: taxonomyFromMaps({ broader, related }),
      profiles,
    };
  }
  log(`no ESCO data under ${esco}: using the starter taxonomy`);
  const starter = JSON.parse(
    fs.readFileSync(path.resolve(process.cwd(), 'db/seed/starter-taxonomy.json'), 'utf8'),
  ) as {
    skills: { id: string; concept: string; broader?: string[] }[];
  };
  const broader = new Map(starter.skills.map((s) => [s.id, s.broader ?? []]));
  const ids = starter.skills.filter((s) => s.concept !== 'group').map((s) => s.id);
  const rand = seededRandom(99);
  const profiles = Array.from({ length: 200 }, () => {
    const set = new Set<string>();
    while (set.size < Math.min(30, ids.length)) set.add(ids[Math.floor(rand() * ids.length)]);
    return [...set];
  });
  return {
    source: `starter taxonomy (${ids.length} skills, synthetic profiles)`,
    taxonomy: taxonomyFromMaps({ broader }),
    profiles,
  };
}

interface Dataset {
  n: number;
  ids: string[];
  rows: number;
  cand: Uint32Array;
  skill: Uint32Array;
  str: Uint16Array;
  vstr: Uint16Array;
  day: Int32Array;
  vday: Int32Array;
  skillIds: string[];
  popularSkills: string[];
  nicheProfiles: string[][];
}

function uuidFrom(rand: () => number): string {
  const hex = (n: number) =>
    Math.floor(rand() * 2 ** (4 * n))
      .toString(16)
      .padStart(n, '0');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(rand() * 4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
}

function generate(n: number, world: World): Dataset {
  const rand = seededRandom(n);
  const occ = zipf(world.profiles.length, 1.0, rand);
  // Occupation popularity rank is a fixed shuffle of the profiles.
  const perm = world.profiles.map((_, i) => i);
  for (let i = perm.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const skillIndex = new Map<string, number>();
  const skillIds: string[] = [];
  const sIdx = (id: string) => {
    let i = skillIndex.get(id);
    if (i === undefined) {
      i = skillIds.length;
      skillIds.push(id);
      skillIndex.set(id, i);
    }
    return i;
  };
  const est = n * 21;
  let cand = new Uint32Array(est);
  let skill = new Uint32Array(est);
  let str = new Uint16Array(est);
  let vstr = new Uint16Array(est);
  let day = new Int32Array(est);
  let vday = new Int32Array(est);
  let rows = 0;
  const ids: string[] = new Array(n);
  const taken = new Set<number>();
  for (let c = 0; c < n; c++) {
    ids[c] = uuidFrom(rand);
    const profile = world.profiles[perm[occ()]];
    const k = 10 + Math.floor(rand() * 21);
    taken.clear();
    let guard = 0;
    while (taken.size < Math.min(k, profile.length) && guard++ < 200) {
      // Earlier skills of a profile are held more often (essential first in ESCO order is not guaranteed; close enough).
      taken.add(sIdx(profile[Math.floor(Math.pow(rand(), 1.5) * profile.length)]));
    }
    for (const s of taken) {
      if (rows >= cand.length) {
        const grow = <T extends Uint32Array | Uint16Array | Int32Array>(a: T): T => {
          const b = new (a.constructor as new (n: number) => T)(a.length * 2);
          b.set(a);
          return b;
        };
        cand = grow(cand);
        skill = grow(skill);
        str = grow(str);
        vstr = grow(vstr);
        day = grow(day);
        vday = grow(vday);
      }
      const strength = 50 + Math.floor(rand() * 19) * 50; // 50..950, coarse so ties happen
      const verified = rand() < 0.75;
      const d = AS_OF_DAY - Math.floor(rand() * 2500);
      cand[rows] = c;
      skill[rows] = s;
      str[rows] = strength;
      vstr[rows] = verified ? strength : 0;
      day[rows] = d;
      vday[rows] = verified ? d : -1;
      rows++;
    }
  }
  const counts = new Uint32Array(skillIds.length);
  for (let i = 0; i < rows; i++) counts[skill[i]]++;
  const popularSkills = skillIds
    .map((id, i) => ({ id, c: counts[i] }))
    .sort((a, b) => b.c - a.c || (a.id < b.id ? -1 : 1))
    .slice(0, 60)
    .map((x) => x.id);
  const nicheProfiles = perm
    .slice(-200)
    .map((i) => world.profiles[i])
    .filter((p) => p.length >= 20);
  return { n, ids, rows, cand, skill, str, vstr, day, vday, skillIds, popularSkills, nicheProfiles };
}

function buildIndex(ds: Dataset): RankingIndex {
  const b = new RankingIndexBuilder();
  const dense = ds.ids.map((id) => b.candidate(id, 'public'));
  const sk = ds.skillIds.map((id) => b.skillIdx(id));
  for (let i = 0; i < ds.rows; i++) {
    b.push(
      dense[ds.cand[i]],
      sk[ds.skill[i]],
      ds.str[i],
      ds.vstr[i],
      ds.day[i],
      ds.vday[i] < 0 ? null : ds.vday[i],
    );
  }
  return b.build();
}

function jobs(ds: Dataset, kind: 'popular' | 'niche', count: number): JobRequirement[][] {
  const rand = seededRandom(kind === 'popular' ? 7 : 11);
  return Array.from({ length: count }, () => {
    const pool =
      kind === 'popular' ? ds.popularSkills : ds.nicheProfiles[Math.floor(rand() * ds.nicheProfiles.length)];
    const picked = new Set<string>();
    while (picked.size < Math.min(20, pool.length)) picked.add(pool[Math.floor(rand() * pool.length)]);
    return [...picked].map((skillId, i) => ({
      skillId,
      label: skillId,
      importance: 1 + (i % 5),
      mustHave: i < 3,
      minLevel: null,
      recencyMonths: null,
    }));
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function pgReachable(): Promise<boolean> {
  const sql = postgres(PG_ADMIN_URL, { max: 1, connect_timeout: 3, onnotice: () => undefined });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/** Whether the bench database already holds exactly this dataset's candidates and rows (for --reuse-db). */
async function benchDbMatches(ds: Dataset): Promise<boolean> {
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => undefined });
  const [exists] = await admin`SELECT 1 AS ok FROM pg_database WHERE datname = ${BENCH_DB}`;
  await admin.end();
  if (!exists) return false;
  const sql = postgres(PG_ADMIN_URL.replace(/\/[^/]*$/, `/${BENCH_DB}`), {
    max: 1,
    onnotice: () => undefined,
  });
  try {
    const [row] = await sql`SELECT (SELECT count(*) FROM candidates)::int AS c,
      (SELECT count(*) FROM candidate_skill_strengths)::int AS r`;
    return row.c === ds.n && row.r === ds.rows;
  } catch {
    return false;
  } finally {
    await sql.end();
  }
}

async function loadPostgres(ds: Dataset): Promise<string> {
  if (REUSE_DB && (await benchDbMatches(ds))) {
    log(`reusing ${BENCH_DB} (${ds.rows.toLocaleString()} rows already loaded)`);
    return PG_ADMIN_URL.replace(/\/[^/]*$/, `/${BENCH_DB}`);
  }
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${BENCH_DB}`);
  await admin.unsafe(`CREATE DATABASE ${BENCH_DB}`);
  await admin.unsafe(`ALTER DATABASE ${BENCH_DB} SET work_mem = '64MB'`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${BENCH_DB}`);
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  // The same columns as db/schema (candidates, jobs, applications, candidate_skill_strengths), without the
  // foreign keys to users/skills that synthetic data does not have.
  await sql.unsafe(`
    CREATE TABLE candidates (id uuid PRIMARY KEY, visibility text NOT NULL);
    CREATE TABLE jobs (id uuid PRIMARY KEY, organization_id uuid NOT NULL);
    CREATE TABLE applications (candidate_id uuid NOT NULL, job_id uuid NOT NULL);
    CREATE TABLE candidate_skill_strengths (
      candidate_id uuid NOT NULL, skill_id text NOT NULL, strength smallint NOT NULL,
      verified_strength smallint NOT NULL, last_evidence_day integer, last_verified_day integer,
      as_of_day integer NOT NULL);
  `);
  const t0 = process.hrtime.bigint();
  const cw = await sql`COPY candidates FROM STDIN`.writable();
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < ds.n; i += 10_000) {
          let chunk = '';
          for (let c = i; c < Math.min(ds.n, i + 10_000); c++) chunk += `${ds.ids[c]}\tpublic\n`;
          yield chunk;
        }
      })(),
    ),
    cw,
  );
  const sw = await sql`COPY candidate_skill_strengths FROM STDIN`.writable();
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < ds.rows; i += 20_000) {
          let chunk = '';
          for (let r = i; r < Math.min(ds.rows, i + 20_000); r++) {
            chunk += `${ds.ids[ds.cand[r]]}\t${ds.skillIds[ds.skill[r]]}\t${ds.str[r]}\t${ds.vstr[r]}\t${ds.day[r]}\t${
              ds.vday[r] < 0 ? '\\N' : ds.vday[r]
            }\t${AS_OF_DAY}\n`;
          }
          yield chunk;
        }
      })(),
    ),
    sw,
  );
  await sql.unsafe(`
    ALTER TABLE candidate_skill_strengths ADD PRIMARY KEY (candidate_id, skill_id);
    CREATE INDEX candidate_skill_strengths_posting_idx ON candidate_skill_strengths
      (skill_id, candidate_id, strength, verified_strength, last_evidence_day, last_verified_day);
  `);
  await sql.unsafe('VACUUM ANALYZE candidates');
  await sql.unsafe('VACUUM ANALYZE candidate_skill_strengths');
  log(`loaded ${ds.rows.toLocaleString()} rows into PostgreSQL in ${(ms(t0) / 1000).toFixed(1)} s`);
  await sql.end();
  return url;
}

async function dropBenchDb(): Promise<void> {
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.end();
}

interface Cell {
  size: number;
  job: 'popular' | 'niche';
  partialCredit: boolean;
  routesPerJob: number;
  /** Queries timed per engine (the SQL baseline runs a bounded subset: one 1M-candidate query takes seconds). */
  queries: number;
  sqlQueries: number;
  index: { p50: number; p95: number };
  sql: { p50: number; p95: number } | null;
  ratioP95: number | null;
  agree: string;
}

async function main() {
  const world = loadWorld();
  log(`skills from ${world.source}`);
  const canSql = !NO_SQL && (await pgReachable());
  if (!NO_SQL && !canSql) log(`PostgreSQL not reachable at ${PG_ADMIN_URL}: SQL baseline skipped`);
  const cells: Cell[] = [];
  const sizes: Record<string, unknown>[] = [];
  for (const n of SIZES) {
    let t0 = process.hrtime.bigint();
    const ds = generate(n, world);
    log(
      `${n.toLocaleString()} candidates, ${ds.rows.toLocaleString()} skill rows generated in ${(ms(t0) / 1000).toFixed(1)} s`,
    );
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    t0 = process.hrtime.bigint();
    let index = buildIndex(ds);
    const buildMs = ms(t0);
    let rebuildMs: number | null = null;
    let freshRebuildMs: number | null = null;
    let db: Awaited<ReturnType<typeof createDb>> | null = null;
    if (canSql) {
      const url = await loadPostgres(ds);
      db = await createDb({ url, max: 2 });
      t0 = process.hrtime.bigint();
      const loaded = await loadRankingIndex(db.db);
      rebuildMs = ms(t0);
      if (loaded.rows !== ds.rows) throw new Error(`rebuild loaded ${loaded.rows} rows, expected ${ds.rows}`);
      index = loaded.index; // rank from the index as rebuilt from PostgreSQL
      // The same rebuild as an app instance does it at start: in a fresh process, without this one's dataset,
      // first index and garbage collector pressure.
      const probe = await runCommand(
        process.execPath,
        ['--import', 'tsx', 'bench/lib/rank-rebuild-probe.ts', url],
        { timeoutMs: 300_000 },
      );
      const measured = probe.code === 0 ? lastJsonLine(probe.stdout) : null;
      if (!measured || measured.rows !== ds.rows)
        throw new Error(
          `fresh-process rebuild failed: ${probe.stderr.slice(-500) || probe.stdout.slice(-500)}`,
        );
      freshRebuildMs = Number(measured.ms);
    }
    const stats = index.stats();
    const nQueries = n >= 1_000_000 ? 20 : 40;
    const nSql = n >= 1_000_000 ? 8 : n >= 100_000 ? 15 : 30;
    for (const job of ['popular', 'niche'] as const) {
      const jobList = jobs(ds, job, nQueries);
      for (const partialCredit of [false, true]) {
        const compiled = jobList.map((reqs) =>
          compileIndexQuery(reqs, expandJob(reqs, world.taxonomy, partialCredit), {
            verifiedOnly: false,
            mustHavesOnly: false,
            limit: LIMIT,
            asOfDay: AS_OF_DAY,
          }),
        );
        const routesPerJob = Math.round(
          compiled.reduce((a, q) => a + q.requirements.reduce((b, r) => b + r.routes.length, 0), 0) /
            compiled.length,
        );
        for (let w = 0; w < 10; w++) index.query(compiled[w % compiled.length]);
        const times: number[] = [];
        const results: IndexHit[][] = [];
        for (const q of compiled) {
          const t = process.hrtime.bigint();
          results.push(index.query(q));
          times.push(ms(t));
        }
        let sqlTimes: number[] | null = null;
        let agree = 'n/a';
        if (db) {
          sqlTimes = [];
          let same = 0;
          await rankWithSql(db.db, { ...compiled[0], organizationId: null });
          for (let i = 0; i < Math.min(nSql, compiled.length); i++) {
            const t = process.hrtime.bigint();
            const rows = await rankWithSql(db.db, { ...compiled[i], organizationId: null });
            sqlTimes.push(ms(t));
            if (JSON.stringify(rows) === JSON.stringify(results[i])) same++;
          }
          agree = `${same}/${sqlTimes.length}`;
        }
        const cell: Cell = {
          size: n,
          job,
          partialCredit,
          routesPerJob,
          queries: times.length,
          sqlQueries: sqlTimes?.length ?? 0,
          index: { p50: pct(times, 50), p95: pct(times, 95) },
          sql: sqlTimes ? { p50: pct(sqlTimes, 50), p95: pct(sqlTimes, 95) } : null,
          ratioP95: sqlTimes ? pct(sqlTimes, 95) / pct(times, 95) : null,
          agree,
        };
        cells.push(cell);
        log(JSON.stringify(cell));
      }
    }
    global.gc?.();
    const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    sizes.push({
      size: n,
      rows: ds.rows,
      indexBytes: stats.bytes,
      indexMiB: +(stats.bytes / 2 ** 20).toFixed(1),
      heapDeltaMiB: +((heapAfter - heapBefore) / 2 ** 20).toFixed(1),
      buildMs: Math.round(buildMs),
      rebuildFromPostgresMs: rebuildMs === null ? null : Math.round(rebuildMs),
      rebuildFromPostgresFreshProcessMs: freshRebuildMs === null ? null : Math.round(freshRebuildMs),
    });
    if (db) await db.close();
  }
  if (canSql && !KEEP_DB) await dropBenchDb();
  if (canSql && KEEP_DB) log(`kept ${BENCH_DB} (drop it when done)`);

  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  const out: string[] = [];
  out.push(`Skills: ${world.source}. Top ${LIMIT}, 20-skill jobs, exact integer scores.`);
  out.push(
    `Per cell: index ${[...new Set(cells.map((c) => c.queries))].join('/')} queries; SQL baseline ${[
      ...new Set(cells.map((c) => c.sqlQueries)),
    ].join(
      '/',
    )} of the same queries (bounded: at 1M each SQL query takes seconds). Load average at start: ${LOAD_AT_START.map((x) => x.toFixed(2)).join(' ')}, at end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}.`,
  );
  out.push('');
  out.push(
    '| candidates | job | partial credit | routes/job | index p50 ms | index p95 ms | SQL p50 ms | SQL p95 ms | SQL/index (p95) | same top 50 |',
  );
  out.push('|---:|---|---|---:|---:|---:|---:|---:|---:|---|');
  for (const c of cells) {
    out.push(
      `| ${c.size.toLocaleString('en')} | ${c.job} | ${c.partialCredit ? 'yes' : 'no'} | ${c.routesPerJob} | ${f(c.index.p50)} | ${f(c.index.p95)} | ${
        c.sql ? f(c.sql.p50) : '–'
      } | ${c.sql ? f(c.sql.p95) : '–'} | ${c.ratioP95 ? `${c.ratioP95.toFixed(0)}×` : '–'} | ${c.agree} |`,
    );
  }
  out.push('');
  out.push(
    '| candidates | skill rows | index memory MiB | heap+buffers delta MiB | build from rows ms | rebuild from PostgreSQL ms (fresh process, as at instance start) | same, inside this bench process |',
  );
  out.push('|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of sizes) {
    out.push(
      `| ${Number(s.size).toLocaleString('en')} | ${Number(s.rows).toLocaleString('en')} | ${s.indexMiB} | ${s.heapDeltaMiB} | ${s.buildMs} | ${
        s.rebuildFromPostgresFreshProcessMs ?? '–'
      } | ${s.rebuildFromPostgresMs ?? '–'} |`,
    );
  }
  console.log(out.join('\n'));
  if (JSON_OUT)
    console.log(
      JSON.stringify({
        bench: 'rank',
        source: world.source,
        limit: LIMIT,
        loadAvg: { start: LOAD_AT_START, end: os.loadavg() },
        cells,
        sizes,
      }),
    );
}

main().catch(async (error) => {
  console.error(error);
  process.exitCode = 1;
  if (!NO_SQL && !KEEP_DB && (await pgReachable())) await dropBenchDb().catch(() => undefined);
});
