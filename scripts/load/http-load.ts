/**
 * `npm run load:http [-- --candidates 10000] [--duration 60] [--connections 50] [--max-requests 200000]
 *   [--pipeline-seeded 1000] [--scenarios search,ranking,ranking-uncached] [--ranking-jobs 10]
 *   [--changes-per-second 1] [--instances 1] [--keep-db NAME | --reuse-db NAME] [--app-url URL] [--json]`
 *
 * HTTP load on the BUILT app (run `npm run build` first; this builds nothing): a fresh throwaway database on
 * the local PostgreSQL, migrated and seeded with the demo organizations/users and N candidates (the first
 * --pipeline-seeded through the demo seed's upload pipeline, the rest inserted in bulk), given
 * synthetic skills from real ESCO occupation profiles (search documents, ranking profiles, 20-skill jobs);
 * `next start` on a loopback port (`--instances N`: N processes sharing it, `npm run start:cluster`); sign-in of
 * 50 recruiters and 50 hiring managers, each their own user; then autocannon drives each scenario with 50
 * concurrent connections for 60 s, bounded by --max-requests, and reports throughput, p50/p95/p99 and errors:
 *
 * - search: recruiter queries (skill filters on popular skills, free text, facets), rotated per user;
 * - ranking: the working set of a hiring team — manager u ranks job u mod --ranking-jobs (10 distinct 20-skill
 *   jobs from popular skills), cycling through the page's 8 option sets (partial credit, verified only,
 *   must-haves only), while --changes-per-second candidate changes are written and enqueued in the outbox as the
 *   app writes them (a skill mapping confirmed or unconfirmed), so the app's list cache drops what they reach;
 * - ranking-uncached: the same on an app restarted with RANKING_LIST_CACHE=false, where every request computes
 *   its list: the capacity for lists nobody has asked for yet, reported next to the target, not held to it.
 *
 * Target (issue 9): 0 errors; p95 < 300 ms for ranking at 100k candidates (the run with the list cache).
 *
 * `--keep-db NAME` loads into a database of that name (created fresh; refused if it exists) and leaves it in place
 * afterwards; `--reuse-db NAME` skips the ~9-minute load at 100k and drives the app against such a database as it
 * is (the candidate count it holds is read from it, not from --candidates). Drop it yourself when done
 * (`dropdb NAME`). `--app-url http://127.0.0.1:PORT` (with --reuse-db) drives an app you started yourself on that
 * database, e.g. under `node --cpu-prof` (start it with the environment of `appEnv` in app-harness.ts).
 *
 * Exit: 0 pass, 1 target missed / errors, 2 a dependency is missing (said which).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import autocannon, { type AutocannonResult } from 'autocannon';
import { argValue, hasFlag } from '@/bench/lib/args';
import { summarize, round } from '@/bench/lib/stats';
import { fmt, markdownTable } from '@/bench/lib/table';
import { demoUsers } from '@/db/seed/demo-users';
import { loadSkillUniverse, syntheticJobs } from '@/bench/generate';
import {
  MissingDependencyError,
  appEnv,
  createThrowawayDatabase,
  namedDatabase,
  freePort,
  isMissingProcedure,
  npmRun,
  requireBuild,
  runMain,
  signInDemo,
  trpcQuery,
  trpcQueryPath,
  type RunningApp,
} from './app-harness';
import {
  addBulkCandidates,
  createLoadUsers,
  ensureWorkingSetJobs,
  existingLoadJobs,
  startCandidateChanges,
  loadSyntheticSkills,
  resetRateLimits,
  type LoadDataReport,
} from './load-data';
import { startApp } from './app-harness';
import { sharedDir } from '@/bench/generate';

const argv = process.argv.slice(2);
const CANDIDATES = Number(argValue(argv, 'candidates') ?? 10_000);
const DURATION_S = Number(argValue(argv, 'duration') ?? 60);
/** Concurrent users; each is its own signed-in user with one connection. */
const CONNECTIONS = Number(argValue(argv, 'connections') ?? 50);
const MAX_REQUESTS = Number(argValue(argv, 'max-requests') ?? 200_000);
const JSON_OUT = hasFlag(argv, 'json');
const KEEP_DB = argValue(argv, 'keep-db');
const REUSE_DB = argValue(argv, 'reuse-db');
/** An app started by hand on the --reuse-db database (e.g. under `node --cpu-prof`); loopback only. */
const APP_URL = argValue(argv, 'app-url');
if (APP_URL && !/^http:\/\/127\.0\.0\.1:\d+$/.test(APP_URL))
  throw new Error('--app-url: http://127.0.0.1:PORT');
/** search, ranking (with the app's ranking list cache), ranking-uncached (the same with RANKING_LIST_CACHE=false). */
const SCENARIOS = new Set((argValue(argv, 'scenarios') ?? 'search,ranking,ranking-uncached').split(','));
const RANKING_P95_TARGET_MS = 300;
/** App processes sharing the port (`npm run start:cluster`); 1 is plain `next start`. */
const INSTANCES = Number(argValue(argv, 'instances') ?? 1);
/** Distinct jobs the hiring managers rank (user u ranks job u mod N). */
const RANKING_JOBS = Number(argValue(argv, 'ranking-jobs') ?? 10);
/** Candidate changes per second written while ranking runs (each through the outbox, as the app writes them). */
const CHANGES_PER_SECOND = Number(argValue(argv, 'changes-per-second') ?? 1);
/**
 * Candidates created by the demo seed (real signed credentials through the upload pipeline, ~24 ms each);
 * the rest are bulk-inserted. Both get the same synthetic skills, documents and ranking profiles.
 */
const PIPELINE_SEEDED = Number(argValue(argv, 'pipeline-seeded') ?? 1_000);

const t0 = Date.now();
const log = (m: string) => console.error(`[load:http +${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}`);

interface LoadUser {
  email: string;
  cookie: string;
  /** Distinct client address per user (X-Forwarded-For), as 50 users in 50 offices would have. */
  ip: string;
}

interface Scenario {
  name: string;
  procedure: string;
  users: LoadUser[];
  paths: string[];
  /** The requests user u cycles through (default: `paths`, each user from a different starting point). */
  pathsFor?: (u: number) => string[];
}

interface ScenarioResult {
  name: string;
  status: 'ran' | 'missing' | 'failed';
  reason?: string;
  users?: number;
  requests?: number;
  throughputPerSec?: number;
  /** 2xx responses per second. */
  okPerSec?: number;
  p50?: number;
  p95?: number;
  p99?: number;
  /** p95 over 2xx responses only. */
  okP95?: number;
  /** Socket errors + 5xx. */
  errors?: number;
  /** 429s: the product's per-user rate limit at work, reported apart from errors. */
  rateLimited?: number;
  otherNon2xx?: number;
  timeouts?: number;
  statusCounts?: Record<string, number>;
  /** Ranking lists served from the app's list cache / computed / dropped by candidate changes (/api/health). */
  listCache?: { enabled: boolean; hits: number; computed: number; invalidated: number };
  /** Candidate changes written (and enqueued in the outbox) while the scenario ran. */
  candidateChanges?: number;
}

type CacheStats = NonNullable<ScenarioResult['listCache']>;

/**
 * Ranks a job a few times per app instance: connections are handed to the instances in turn, so each one builds
 * its ranking index before the measured run does.
 */
async function warmUpInstances(baseUrl: string, cookie: string, input: { jobId: string }): Promise<void> {
  for (let i = 0; i < INSTANCES * 3; i++) {
    // A new connection each time (no keep-alive): the cluster hands out connections, not requests.
    const { status } = await getFresh(`${baseUrl}${trpcQueryPath('ranking.forJob', input)}`, { cookie });
    if (status !== 200) throw new Error(`warm-up ranking request: HTTP ${status}`);
  }
}

/** GET over a new connection (no keep-alive), so that a cluster hands it to the next instance. */
function getFresh(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

/** The app's ranking list cache counters (GET /api/health), summed over its instances. */
async function listCacheStats(baseUrl: string): Promise<CacheStats> {
  const seen = new Map<string, CacheStats>();
  for (let i = 0; i < INSTANCES * 8 && seen.size < INSTANCES; i++) {
    const body = JSON.parse((await getFresh(`${baseUrl}/api/health`)).body) as {
      instanceId?: string;
      ranking?: { listCache?: CacheStats };
    };
    seen.set(
      body.instanceId ?? 'single',
      body.ranking?.listCache ?? { enabled: false, hits: 0, computed: 0, invalidated: 0 },
    );
  }
  if (seen.size < INSTANCES)
    throw new Error(`/api/health answered from ${seen.size} of ${INSTANCES} instances`);
  const all = [...seen.values()];
  return {
    enabled: all.every((c) => c.enabled),
    hits: all.reduce((n, c) => n + c.hits, 0),
    computed: all.reduce((n, c) => n + c.computed, 0),
    invalidated: all.reduce((n, c) => n + (c.invalidated ?? 0), 0),
  };
}

function diffStats(before: CacheStats, after: CacheStats): CacheStats {
  return {
    enabled: after.enabled,
    hits: after.hits - before.hits,
    computed: after.computed - before.computed,
    invalidated: after.invalidated - before.invalidated,
  };
}

/** One autocannon client per user (own session cookie and client address), all running at once. */
function drive(baseUrl: string, s: Scenario): Promise<ScenarioResult> {
  return new Promise((resolve) => {
    const latencies: number[] = [];
    const okLatencies: number[] = [];
    const statusCounts: Record<string, number> = {};
    let count = 0;
    let finished = 0;
    let errors = 0;
    let timeouts = 0;
    let durationS = DURATION_S;
    const instances: ReturnType<typeof autocannon>[] = [];
    s.users.forEach((user, u) => {
      const instance = autocannon(
        {
          url: baseUrl,
          connections: 1,
          duration: DURATION_S,
          timeout: 10,
          headers: { cookie: user.cookie, 'x-forwarded-for': user.ip, accept: 'application/json' },
          // Each user walks the query list from a different starting point.
          requests: (
            s.pathsFor?.(u) ?? [...s.paths.slice(u % s.paths.length), ...s.paths.slice(0, u % s.paths.length)]
          ).map((p) => ({ method: 'GET', path: p })),
        },
        (err, result: AutocannonResult) => {
          if (err) errors++;
          else {
            errors += result.errors;
            timeouts += result.timeouts;
            durationS = Math.max(1, result.duration);
          }
          if (++finished < s.users.length) return;
          const all = summarize(latencies);
          const ok = summarize(okLatencies);
          const twoXx = okLatencies.length;
          const fiveXx = Object.entries(statusCounts)
            .filter(([k]) => k.startsWith('5'))
            .reduce((n, [, v]) => n + v, 0);
          resolve({
            name: s.name,
            status: 'ran',
            users: s.users.length,
            requests: count,
            throughputPerSec: round(count / durationS, 1),
            okPerSec: round(twoXx / durationS, 1),
            p50: round(all.p50, 1),
            p95: round(all.p95, 1),
            p99: round(all.p99, 1),
            okP95: round(ok.p95, 1),
            errors: errors + fiveXx,
            rateLimited: statusCounts['429'] ?? 0,
            otherNon2xx: count - twoXx - (statusCounts['429'] ?? 0) - fiveXx,
            timeouts,
            statusCounts,
          });
        },
      );
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        count++;
        latencies.push(responseTime);
        if (statusCode >= 200 && statusCode < 300) okLatencies.push(responseTime);
        statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
        if (count >= MAX_REQUESTS) for (const i of instances) i.stop();
      });
      instances.push(instance);
    });
  });
}

async function main(): Promise<boolean> {
  requireBuild();
  if (!fs.existsSync(path.join(sharedDir(), 'data', 'esco', 'skills.csv'))) {
    throw new MissingDependencyError(
      '../shared/data/esco is absent: the load data draws skills and the job from ESCO',
    );
  }
  if (CANDIDATES > 1_000_000) throw new MissingDependencyError('at most 1,000,000 candidates');
  if (KEEP_DB && REUSE_DB) throw new Error('--keep-db and --reuse-db exclude each other');
  const db = KEEP_DB
    ? await namedDatabase(KEEP_DB, 'create')
    : REUSE_DB
      ? await namedDatabase(REUSE_DB, 'reuse')
      : await createThrowawayDatabase('skillgraph_load');
  let app: RunningApp | null = null;
  const results: ScenarioResult[] = [];
  let candidateCount = CANDIDATES;
  try {
    let report: Pick<LoadDataReport, 'jobs'>;
    if (REUSE_DB) {
      const existing = await existingLoadJobs(db.url);
      candidateCount = existing.candidates;
      report = existing;
      await resetRateLimits(db.url);
      log(`reusing database ${db.name}: ${candidateCount} candidates, ${existing.jobs.length} load jobs`);
    } else {
      const seeded = Math.min(CANDIDATES, PIPELINE_SEEDED);
      log(`database ${db.name}: migrate + demo seed with ${seeded} candidates through the upload pipeline`);
      const base = { DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
      await npmRun('db:seed', [], { ...base, DEMO_CANDIDATE_COUNT: String(seeded) }, 900_000);
      if (CANDIDATES > seeded) {
        log(`adding ${CANDIDATES - seeded} candidates in bulk`);
        await addBulkCandidates(db.url, CANDIDATES - seeded);
      }
      log('importing ESCO (skills for documents, facets and the job)');
      await npmRun('taxonomy:import', ['esco', path.join(sharedDir(), 'data', 'esco')], base, 300_000);
      log('loading search documents, ranking profiles and jobs');
      const loaded = await loadSyntheticSkills(db.url, log);
      report = loaded;
      log(`loaded: ${JSON.stringify({ ...loaded, jobs: loaded.jobs.length })}`);
    }

    if (APP_URL) {
      if (!REUSE_DB) throw new Error('--app-url needs --reuse-db (the app must serve the load database)');
      log(`driving the app already running at ${APP_URL}`);
      app = { baseUrl: APP_URL, pid: 0, logs: () => '', stop: async () => undefined };
    } else {
      const port = await freePort();
      log(`starting next start on 127.0.0.1:${port}`);
      app = await startApp(appEnv(db.url, port), port, { instances: INSTANCES });
    }
    const recruiter = demoUsers.find((u) => u.role === 'recruiter' && u.organizationSlug === 'northwind')!;
    const hiring = demoUsers.find((u) => u.role === 'hiring_manager')!;
    const recruiterCookie = await signInDemo(app.baseUrl, recruiter.email, '10.255.0.1');
    const hiringCookie = await signInDemo(app.baseUrl, hiring.email, '10.255.0.2');
    // 50 concurrent users = 50 signed-in people, each with their own session and client address.
    const signInAll = async (emails: string[], net: number): Promise<LoadUser[]> => {
      const out: LoadUser[] = [];
      for (const [i, email] of emails.entries()) {
        const ip = `10.${net}.${Math.floor(i / 250)}.${(i % 250) + 1}`;
        out.push({ email, ip, cookie: await signInDemo(app!.baseUrl, email, ip) });
      }
      return out;
    };
    const recruiters = await signInAll(
      await createLoadUsers(db.url, 'recruiter', 'northwind', CONNECTIONS),
      1,
    );
    const managers = await signInAll(
      await createLoadUsers(db.url, 'hiring_manager', 'northwind', CONNECTIONS),
      2,
    );
    log(
      `signed in the demo recruiter and hiring manager, and ${recruiters.length} + ${managers.length} load users`,
    );

    // Recruiter queries: skill filters on popular skills, free text, facets; rotated per connection.
    const universe = loadSkillUniverse();
    const popular = syntheticJobs(universe, 8, 'popular', 3);
    const searchInputs: unknown[] = [];
    for (const job of popular) {
      const [a, b, c] = job.requirements;
      searchInputs.push({
        filters: { skillsAny: [a.skillId, b.skillId] },
        facets: ['skills', 'location'],
        pageSize: 20,
      });
      searchInputs.push({ text: a.label, pageSize: 20 });
      searchInputs.push({
        text: c.label,
        filters: { verifiedSkillsOnly: true },
        sort: 'verified_skills',
        pageSize: 20,
      });
    }
    const job = report.jobs.find((j) => j.organizationSlug === 'northwind');
    const scenarios: Scenario[] = [];
    const probeSearch = await trpcQuery(app.baseUrl, recruiterCookie, 'search.candidates', {
      text: popular[0].requirements[0].label,
    });
    if (isMissingProcedure(probeSearch))
      results.push({
        name: 'recruiter search (search.candidates)',
        status: 'missing',
        reason: 'procedure search.candidates does not exist',
      });
    else if (!SCENARIOS.has('search')) {
      /* not asked for */
    } else if (probeSearch.status !== 200) {
      // A sort name may differ: fall back to the inputs the probe accepted.
      results.push({
        name: 'recruiter search (search.candidates)',
        status: 'failed',
        reason: `probe HTTP ${probeSearch.status}: ${JSON.stringify(probeSearch.body).slice(0, 300)}`,
      });
    } else {
      const ok: string[] = [];
      for (const input of searchInputs) {
        const r = await trpcQuery(app.baseUrl, recruiterCookie, 'search.candidates', input);
        if (r.status === 200) ok.push(trpcQueryPath('search.candidates', input));
      }
      scenarios.push({
        name: 'recruiter search (search.candidates)',
        procedure: 'search.candidates',
        users: recruiters,
        paths: ok,
      });
    }
    if (!SCENARIOS.has('ranking')) {
      /* not asked for */
    } else if (!job) {
      results.push({
        name: 'job ranking (ranking.forJob)',
        status: 'failed',
        reason: 'no job could be created (job skills missing from the taxonomy)',
      });
    } else {
      const probe = await trpcQuery(app.baseUrl, hiringCookie, 'ranking.forJob', { jobId: job.jobId });
      if (isMissingProcedure(probe))
        results.push({
          name: 'job ranking (ranking.forJob)',
          status: 'missing',
          reason: 'procedure ranking.forJob does not exist yet (ranking router not wired)',
        });
      else if (probe.status !== 200)
        results.push({
          name: 'job ranking (ranking.forJob)',
          status: 'failed',
          reason: `probe HTTP ${probe.status}: ${JSON.stringify(probe.body).slice(0, 300)}`,
        });
      else {
        // The working set: each manager ranks one of RANKING_JOBS jobs, cycling through the 8 option sets of the
        // page (partial credit, verified only, must-haves only), while candidates keep changing.
        const jobIds = await ensureWorkingSetJobs(db.url, universe, 'northwind', RANKING_JOBS);
        // Every instance builds its ranking index on its first ranking request (seconds at 100k): outside the run.
        await warmUpInstances(app.baseUrl, hiringCookie, { jobId: job.jobId });
        const optionSets = [false, true].flatMap((verifiedOnly) =>
          [false, true].flatMap((mustHavesOnly) =>
            [true, false].map((partialCredit) => ({ verifiedOnly, mustHavesOnly, partialCredit })),
          ),
        );
        const pathsOfJob = jobIds.map((jobId) =>
          optionSets.map((o) => trpcQueryPath('ranking.forJob', { jobId, ...o, limit: 20 })),
        );
        scenarios.push({
          name: `job ranking (ranking.forJob): ${jobIds.length} jobs × ${optionSets.length} option sets, ${CHANGES_PER_SECOND} candidate change/s`,
          procedure: 'ranking.forJob',
          users: managers,
          paths: pathsOfJob.flat(),
          pathsFor: (u) => {
            const own = pathsOfJob[u % pathsOfJob.length];
            const start = Math.floor(u / pathsOfJob.length) % own.length;
            return [...own.slice(start), ...own.slice(0, start)];
          },
        });
      }
    }
    // Ranking runs with candidates changing underneath (written and enqueued as the app does), so that cached
    // lists are dropped as they would be in use; failed writes count as errors.
    const driveScenario = async (s: Scenario, name: string): Promise<ScenarioResult> => {
      if (s.procedure !== 'ranking.forJob' || CHANGES_PER_SECOND <= 0)
        return drive(app!.baseUrl, { ...s, name });
      const changes = await startCandidateChanges(db.url, CHANGES_PER_SECOND);
      const result = await drive(app!.baseUrl, { ...s, name });
      const written = await changes.stop();
      result.candidateChanges = written.changes;
      result.errors = (result.errors ?? 0) + written.failed;
      return result;
    };
    for (const s of scenarios) {
      const isRanking = s.procedure === 'ranking.forJob';
      const before = isRanking ? await listCacheStats(app.baseUrl) : null;
      const name = before ? `${s.name}, list cache ${before.enabled ? 'on' : 'off'}` : s.name;
      log(
        `driving ${name}: ${s.users.length} users (one connection each), ${DURATION_S} s, ${s.paths.length} distinct requests`,
      );
      const result = await driveScenario(s, name);
      if (before) result.listCache = diffStats(before, await listCacheStats(app.baseUrl));
      results.push(result);
      // The honest cache-miss figure: the same load with every list computed (RANKING_LIST_CACHE=false).
      if (isRanking && before?.enabled && SCENARIOS.has('ranking-uncached')) {
        if (APP_URL) {
          log('--app-url: no cache-off run (start an app with RANKING_LIST_CACHE=false and drive it too)');
          continue;
        }
        log('restarting the app with RANKING_LIST_CACHE=false (every ranking list computed)');
        await app.stop();
        const port = await freePort();
        app = await startApp(appEnv(db.url, port, { RANKING_LIST_CACHE: 'false' }), port, {
          instances: INSTANCES,
        });
        // Sessions are JWTs under the same secret: the signed-in users stay signed in, on the new port too.
        // Warm up like the first run's probe did: the first ranking request loads the index (seconds at 100k).
        await warmUpInstances(app.baseUrl, s.users[0].cookie, { jobId: job!.jobId });
        const off = await listCacheStats(app.baseUrl);
        const offName = `${s.name}, list cache ${off.enabled ? 'on' : 'off'}`;
        log(`driving ${offName}: ${s.users.length} users, ${DURATION_S} s`);
        const uncached = await driveScenario(s, offName);
        uncached.listCache = diffStats(off, await listCacheStats(app.baseUrl));
        results.push(uncached);
      }
    }
  } finally {
    if (app) {
      log('stopping the server');
      await app.stop();
    }
    if (KEEP_DB || REUSE_DB)
      log(`database ${db.name} kept (drop it with: dropdb -h 127.0.0.1 -U postgres ${db.name})`);
    else await db.drop();
  }

  console.log(
    `\n### HTTP load: ${candidateCount.toLocaleString('en-US')} candidates, ${CONNECTIONS} connections, ${DURATION_S} s per scenario (next start, PostgreSQL, loopback)\n`,
  );
  console.log(
    markdownTable(
      [
        'scenario',
        'status',
        'users',
        'requests',
        'req/s',
        '2xx/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        '2xx p95 ms',
        'errors (5xx+socket)',
        'timeouts',
        '429 rate-limited',
        'other non-2xx',
        'lists cached / computed / dropped',
        'candidate changes',
      ],
      results.map((r) =>
        r.status === 'ran'
          ? [
              r.name,
              'ran',
              r.users,
              r.requests,
              fmt(r.throughputPerSec),
              fmt(r.okPerSec),
              fmt(r.p50),
              fmt(r.p95),
              fmt(r.p99),
              fmt(r.okP95),
              r.errors,
              r.timeouts,
              r.rateLimited,
              `${r.otherNon2xx} ${JSON.stringify(r.statusCounts)}`,
              r.listCache ? `${r.listCache.hits} / ${r.listCache.computed} / ${r.listCache.invalidated}` : '',
              r.candidateChanges ?? '',
            ]
          : [
              r.name,
              `**${r.status.toUpperCase()}**: ${r.reason}`,
              '',
              '',
              '',
              '',
              '',
              '',
              '',
              '',
              '',
              '',
              '',
              '',
              '',
            ],
      ),
    ),
  );
  console.log(
    '\n429s are the per-user search rate limit (60/min) answering as designed; they are reported, not counted as errors.',
  );
  if (JSON_OUT)
    console.log(
      JSON.stringify({
        candidates: candidateCount,
        connections: CONNECTIONS,
        durationS: DURATION_S,
        results,
      }),
    );
  const missing = results.filter((r) => r.status === 'missing');
  const ranOk = results.every(
    (r) =>
      r.status !== 'failed' &&
      (r.status !== 'ran' || (r.errors === 0 && r.otherNon2xx === 0 && r.timeouts === 0)),
  );
  // The target is the product's: the run with its list cache. The run with the cache off is the capacity when
  // every list is computed (a cold cache, or changes reaching every list), reported next to it.
  const rankingRuns = results.filter((r) => r.name.startsWith('job ranking') && r.status === 'ran');
  const targetRuns = rankingRuns.filter((r) => r.listCache?.enabled !== false);
  for (const r of rankingRuns)
    console.log(
      r.listCache?.enabled === false
        ? `${r.name}: p95 ${fmt(r.p95)} ms at ${fmt(r.throughputPerSec)} req/s — every list computed (capacity figure, not the target's configuration)`
        : `${r.name}: p95 ${fmt(r.p95)} ms — target p95 < ${RANKING_P95_TARGET_MS} ms at 100k ${(r.p95 ?? Infinity) < RANKING_P95_TARGET_MS ? 'met' : 'MISSED'}`,
    );
  const rankingOk =
    candidateCount < 100_000 || targetRuns.every((r) => (r.p95 ?? Infinity) < RANKING_P95_TARGET_MS);
  if (missing.length)
    throw new MissingDependencyError(
      missing.map((m) => `${m.name}: ${m.reason}`).join('; ') +
        (ranOk ? ' (everything else passed)' : ' (and other scenarios FAILED)'),
    );
  return ranOk && rankingOk;
}

runMain('load:http', main);
