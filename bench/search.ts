/**
 * `npm run bench:search [-- --size small|medium|large | --sizes 10000,100000] [--queries 240] [--baseline-queries 24] [--baseline-timeout-ms 2000] [--engine-only] [--json]`
 *
 * Recruiter search latency on the embedded Postgres engine (search_documents: weighted tsvector, trigram
 * typo correction, GIN skill-ancestor arrays, aggregate facets) against a naive baseline measured in the same
 * run on the same rows: ILIKE over the text columns and over the JSON of the document for skill, status,
 * issuer and visibility filters (what one writes without a search design), with the same sort, paging, count
 * and facet aggregates. Queries alternate engine/baseline so both see the same cache state.
 *
 * Data: seeded synthetic candidates built with the real document builder from real ESCO occupation profiles
 * (skills, hierarchy, up to 6 alternative labels per skill) when ../shared/data/esco exists, else the starter
 * taxonomy. Database: a scratch database on the server of DATABASE_URL (created and dropped), else in-memory
 * PGlite (much slower: single-threaded WASM).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import postgres from 'postgres';
import { sql, type SQL } from 'drizzle-orm';
import { createDb, migrateDb, rowsOf, type Db, type DbHandle } from '@/db/client';
import { createPostgresSearchIndex, pgTextArray } from '@/server/adapters/search/postgres.search';
import {
  buildSearchDocument,
  type Availability,
  type CandidateSearchDocument,
  type CredentialStatus,
  type SearchSourceSkill,
} from '@/server/domain/search/search-document';
import {
  normalizeSearchQuery,
  type CandidateSearchQuery,
  type SearchFacet,
} from '@/server/domain/search/search-query';
import { searchWords } from '@/server/domain/search/text-match';
import { loadSkillUniverse, sharedDir, type SkillUniverse } from './generate';
import { argValue, hasFlag } from './lib/args';
import { Prng, ZipfSampler } from './lib/prng';
import { round, summarize } from './lib/stats';
import { fmt, fmtRatio, markdownTable } from './lib/table';
import { now } from './lib/timing';

const argv = process.argv.slice(2);
const JSON_OUT = hasFlag(argv, 'json');
/** `--size small|medium|large` (the harness's sizes) picks 10k / 10k+100k / up to 1M; `--sizes a,b` is explicit. */
const SIZE_PRESETS: Record<string, string> = {
  small: '10000',
  medium: '10000,100000',
  large: '10000,100000,1000000',
};
const SIZES = (argValue(argv, 'sizes') ?? SIZE_PRESETS[argValue(argv, 'size') ?? 'medium'] ?? '10000,100000')
  .split(',')
  .map((value) => Number(value.trim()))
  .filter((n) => n > 0);
const QUERIES = Number(argValue(argv, 'queries') ?? 240);
const TARGET_P95_MS = 50;
/** `--reuse-db NAME`: keep the scratch database between runs (loads only missing candidates, never drops it). */
const REUSE_DB = argValue(argv, 'reuse-db');
/** `--engine-only`: skip the ILIKE baseline (for profiling the engine; the table then shows no ratio). */
const ENGINE_ONLY = hasFlag(argv, 'engine-only');
/** A baseline query still running after this is stopped and counted at this time (a lower bound). */
const BASELINE_TIMEOUT_MS = Number(argValue(argv, 'baseline-timeout-ms') ?? 2_000);
/**
 * The baseline runs on the first N queries only (3 of each kind by default): at 100k each of its statements
 * takes seconds, and the whole benchmark must fit the harness's budget. The engine runs on all of them.
 */
const BASELINE_QUERIES = Number(argValue(argv, 'baseline-queries') ?? 30);
let baselineTimeouts = 0;
const ORGS = Array.from({ length: 50 }, (_, i) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`);
const ISSUERS = [
  'Cisco Networking Academy',
  'Microsoft Learn',
  'AWS Training',
  'Google Cloud',
  'CNCF',
  'Linux Foundation',
  'Coursera',
  'edX',
  'Udacity',
  'IBM SkillsBuild',
  'Oracle University',
  'Salesforce Trailhead',
  'Red Hat',
  'CompTIA',
  'PMI',
  'Scrum Alliance',
  'ISC2',
  'ISACA',
  'Adobe Education',
  'Autodesk',
  'City & Guilds',
  'Pearson',
  'Open University',
  'TU Delft',
  'ETH Zurich',
  'Credly Partner Academy',
  'Chamber of Commerce',
  'Red Cross',
  'National Health Service',
  'Goethe-Institut',
  'Cambridge English',
  'HubSpot Academy',
  'SAP',
  'Tableau',
  'Databricks',
  'MongoDB University',
  'Snowflake',
  'GitHub',
  'Atlassian University',
  'Unity',
];
const CITIES = [
  'Berlin',
  'Paris',
  'Madrid',
  'Rome',
  'Amsterdam',
  'Vienna',
  'Warsaw',
  'Prague',
  'Lisbon',
  'Dublin',
  'Brussels',
  'Copenhagen',
  'Stockholm',
  'Helsinki',
  'Oslo',
  'Zurich',
  'Munich',
  'Hamburg',
  'Lyon',
  'Milan',
  'Barcelona',
  'Porto',
  'Krakow',
  'Budapest',
  'Athens',
  'Bucharest',
  'Sofia',
  'Tallinn',
  'Riga',
  'Vilnius',
  'Remote',
];
const FIRST = [
  'Ada',
  'Ben',
  'Cara',
  'Dan',
  'Eve',
  'Femi',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kasia',
  'Luca',
  'Mara',
  'Nils',
  'Olga',
  'Pia',
];
const LAST = [
  'Okafor',
  'Novak',
  'Garcia',
  'Schmidt',
  'Rossi',
  'Dubois',
  'Nowak',
  'Silva',
  'Jensen',
  'Murphy',
  'Horvat',
  'Ivanova',
];
const AVAILABILITY: Availability[] = ['immediately', 'within_month', 'within_quarter', 'not_looking'];

function altLabelsOf(universe: SkillUniverse): Map<string, string[]> {
  const alts = new Map<string, string[]>();
  const file = path.join(sharedDir(), 'data', 'esco', 'skills.csv');
  if (universe.source !== 'esco' || !fs.existsSync(file)) return alts;
  const rows = parse(fs.readFileSync(file), {
    columns: true,
    skip_empty_lines: true,
    relax_quotes: true,
  }) as Record<string, string>[];
  for (const row of rows) {
    const id = `esco:${row.conceptUri.slice('http://data.europa.eu/esco/skill/'.length)}`;
    const labels = (row.altLabels ?? '')
      .split('|')
      .map((label) => label.trim())
      .filter(Boolean)
      .slice(0, 6);
    if (labels.length) alts.set(id, labels);
  }
  return alts;
}

function taxonomyOf(universe: SkillUniverse): Map<string, SearchSourceSkill> {
  const alts = altLabelsOf(universe);
  const ancestors = new Map<string, string[]>();
  const walk = (id: string, seen: Set<string>): string[] => {
    const cached = ancestors.get(id);
    if (cached) return cached;
    const out = new Set<string>();
    for (const parent of universe.broader.get(id) ?? []) {
      if (seen.has(parent)) continue;
      out.add(parent);
      for (const grand of walk(parent, new Set([...seen, parent]))) out.add(grand);
    }
    const list = [...out];
    ancestors.set(id, list);
    return list;
  };
  const skills = new Map<string, SearchSourceSkill>();
  for (const [id, label] of universe.labelOf) {
    skills.set(id, { label, altLabels: alts.get(id) ?? [], ancestorIds: walk(id, new Set([id])) });
  }
  return skills;
}

function generateDocuments(
  universe: SkillUniverse,
  taxonomy: Map<string, SearchSourceSkill>,
  from: number,
  to: number,
): CandidateSearchDocument[] {
  const occupations = universe.occupations.filter((o) => o.essential.length + o.optional.length >= 4);
  const zipf = new ZipfSampler(occupations.length, 0.9);
  const documents: CandidateSearchDocument[] = [];
  for (let n = from; n < to; n++) {
    const rng = new Prng(`search-candidate-${n}`);
    const occupation = occupations[zipf.sample(rng)];
    const pool = rng.shuffle(
      [...occupation.essential, ...occupation.optional.slice(0, 10)].filter((id) => taxonomy.has(id)),
    );
    const skillIds = pool.slice(0, rng.int(4, Math.min(15, Math.max(4, pool.length))));
    const credentialCount = rng.int(1, 5);
    const credentials = Array.from({ length: credentialCount }, (_, i) => {
      const roll = rng.next();
      const status: CredentialStatus =
        roll < 0.7
          ? 'verified'
          : roll < 0.85
            ? 'unverifiable'
            : roll < 0.93
              ? 'expired'
              : roll < 0.97
                ? 'revoked'
                : 'invalid';
      return {
        id: `c${n}-${i}`,
        status,
        issuerName: rng.pick(ISSUERS),
        achievementName: `${taxonomy.get(rng.pick(skillIds))?.label ?? 'Skills'} certificate`,
        updatedAt: null,
      };
    });
    const evidence = skillIds.map((skillId) => ({
      skillId,
      credentialId: rng.chance(0.9) ? rng.pick(credentials).id : null,
      confidence: 0.5 + rng.next() * 0.5,
      state: rng.chance(0.6) ? ('confirmed' as const) : ('proposed' as const),
    }));
    const applied = rng.chance(0.15);
    const document = buildSearchDocument({
      candidate: {
        id: new Prng(`search-id-${n}`).uuid(),
        displayName: `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
        headline: occupation.label,
        location: rng.pick(CITIES),
        availability: rng.pick(AVAILABILITY),
        visibility: applied ? 'applied_only' : 'public',
        updatedAt: new Date(Date.UTC(2025, 0, 1) + rng.int(0, 364) * 86_400_000),
      },
      appliedOrganizationIds: applied ? [rng.pick(ORGS), rng.pick(ORGS)] : [],
      credentials,
      evidence,
      skills: taxonomy,
    });
    if (document) documents.push(document);
  }
  return documents;
}

/** Introduces one adjacent transposition into the longest word (a typical fast-typing typo). */
function withTypo(text: string): string {
  const words = text.split(' ');
  const longest = words.reduce((best, word, i) => (word.length > words[best].length ? i : best), 0);
  const word = words[longest];
  if (word.length < 5) return text;
  const at = Math.floor(word.length / 2);
  words[longest] = word.slice(0, at - 1) + word[at] + word[at - 1] + word.slice(at + 1);
  return words.join(' ');
}

interface Scenario {
  kind: string;
  query: CandidateSearchQuery;
  organizationId: string;
}

function scenarios(
  universe: SkillUniverse,
  taxonomy: Map<string, SearchSourceSkill>,
  count: number,
): Scenario[] {
  const rng = new Prng('search-queries');
  const popular = universe.byPopularity.filter((id) => taxonomy.has(id)).slice(0, 300);
  const shortLabel = (id: string) => taxonomy.get(id)!.label.split(' ').slice(0, 2).join(' ');
  // The direct broader skill (ancestors list parents first): a filter that must match descendants.
  const broad = (id: string) => taxonomy.get(id)?.ancestorIds[0] ?? id;
  const kinds: ((org: string) => Scenario)[] = [
    (org) => ({ kind: 'text', organizationId: org, query: { text: shortLabel(rng.pick(popular)) } }),
    (org) => ({
      kind: 'text with typo',
      organizationId: org,
      query: { text: withTypo(shortLabel(rng.pick(popular))) },
    }),
    (org) => ({
      kind: 'broad skill + availability',
      organizationId: org,
      query: {
        filters: { skillsAll: [broad(rng.pick(popular))], availability: ['immediately', 'within_month'] },
        sort: 'verified_skills',
      },
    }),
    (org) => ({
      kind: 'any of 3 verified + facets',
      organizationId: org,
      query: {
        filters: {
          skillsAny: [rng.pick(popular), rng.pick(popular), rng.pick(popular)],
          verifiedSkillsOnly: true,
        },
        facets: ['issuers', 'availability'],
      },
    }),
    (org) => ({
      kind: 'text + location + facets',
      organizationId: org,
      query: {
        text: shortLabel(rng.pick(popular)),
        filters: { locations: [rng.pick(CITIES), rng.pick(CITIES)] },
        facets: ['skills', 'location'],
      },
    }),
    (org) => ({
      kind: 'all of 2, none of 1, recency',
      organizationId: org,
      query: {
        filters: {
          skillsAll: [broad(rng.pick(popular)), rng.pick(popular)],
          skillsNone: [rng.pick(popular)],
        },
        sort: 'recency',
      },
    }),
    (org) => ({
      kind: 'status + issuer + text',
      organizationId: org,
      query: {
        text: taxonomy.get(rng.pick(popular))!.label.split(' ')[0],
        filters: { credentialStatuses: ['verified'], issuers: [rng.pick(ISSUERS)] },
      },
    }),
    (org) => ({
      // one word as a recruiter types it, with the five facets the search page always asks for
      kind: 'one word, all facets',
      organizationId: org,
      query: {
        text:
          taxonomy
            .get(rng.pick(popular))!
            .label.split(' ')
            .find((word) => word.length >= 4) ?? 'manage',
        facets: ['skills', 'availability', 'location', 'issuers', 'credentialStatuses'],
      },
    }),
    (org) => ({
      // what the recruiter search page asks when it opens: everyone visible, all five facets
      kind: 'no query, all facets',
      organizationId: org,
      query: { facets: ['skills', 'availability', 'location', 'issuers', 'credentialStatuses'] },
    }),
    (org) => ({
      kind: 'broad skill, all facets, page 3',
      organizationId: org,
      query: {
        filters: { skillsAny: [broad(rng.pick(popular))] },
        facets: ['skills', 'availability', 'location', 'issuers', 'credentialStatuses'],
        page: 3,
      },
    }),
  ];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length](rng.pick(ORGS)));
}

const FACET_COLUMN: Record<SearchFacet, string> = {
  skills: "jsonb_array_elements_text(document->'skillIds')",
  availability: 'availability',
  location: 'location',
  issuers: 'unnest(issuers)',
  credentialStatuses: 'unnest(credential_statuses)',
};

/** The naive implementation a search engine is measured against: ILIKE everywhere, same result shape. */
async function naiveSearch(db: Db, input: CandidateSearchQuery, organizationId: string): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(
        sql.raw(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(BASELINE_TIMEOUT_MS))}`),
      );
      return naiveSearchIn(tx as unknown as Db, input, organizationId);
    });
  } catch (error) {
    const code =
      (error as { code?: string; cause?: { code?: string } }).cause?.code ??
      (error as { code?: string }).code;
    if (code !== '57014') throw error;
    baselineTimeouts++;
    return 0;
  }
}

async function naiveSearchIn(db: Db, input: CandidateSearchQuery, organizationId: string): Promise<number> {
  const query = normalizeSearchQuery(input);
  const f = query.filters;
  const like = (value: string) => `%${value.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const json = (id: string) => like(JSON.stringify(id));
  const conditions: SQL[] = [
    sql`(visibility = 'public' OR document->>'appliedOrganizationIds' ILIKE ${json(organizationId)})`,
  ];
  const skillKey = f.verifiedSkillsOnly ? 'verifiedSkillAncestorIds' : 'skillAncestorIds';
  for (const id of f.skillsAll) conditions.push(sql`document->>${skillKey} ILIKE ${json(id)}`);
  if (f.skillsAny.length) {
    conditions.push(
      sql`(${sql.join(
        f.skillsAny.map((id) => sql`document->>${skillKey} ILIKE ${json(id)}`),
        sql` OR `,
      )})`,
    );
  }
  for (const id of f.skillsNone) conditions.push(sql`document->>'skillAncestorIds' NOT ILIKE ${json(id)}`);
  if (f.credentialStatuses.length) {
    conditions.push(
      sql`(${sql.join(
        f.credentialStatuses.map((s) => sql`document->>'credentialStatuses' ILIKE ${json(s)}`),
        sql` OR `,
      )})`,
    );
  }
  if (f.issuers.length)
    conditions.push(
      sql`(${sql.join(
        f.issuers.map((s) => sql`issuers_text ILIKE ${like(s)}`),
        sql` OR `,
      )})`,
    );
  if (f.locations.length)
    conditions.push(
      sql`(${sql.join(
        f.locations.map((s) => sql`location ILIKE ${s}`),
        sql` OR `,
      )})`,
    );
  if (f.availability.length) conditions.push(sql`availability = ANY(${pgTextArray(f.availability)}::text[])`);
  for (const word of searchWords(query.text)) {
    const w = like(word);
    conditions.push(
      sql`(skills_text ILIKE ${w} OR headline ILIKE ${w} OR achievements_text ILIKE ${w} OR display_name ILIKE ${w} OR issuers_text ILIKE ${w} OR location ILIKE ${w})`,
    );
  }
  const where = sql.join(conditions, sql` AND `);
  const order =
    query.sort === 'recency'
      ? sql`updated_at DESC, candidate_id DESC`
      : sql`verified_skill_count DESC, updated_at DESC, candidate_id DESC`;
  const rows = rowsOf(
    await db.execute(sql`
      SELECT document, count(*) OVER () AS total FROM search_documents WHERE ${where}
      ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${query.offset}
    `),
  );
  for (const facet of query.facets) {
    await db.execute(sql`
      SELECT v, count(*) FROM (SELECT ${sql.raw(FACET_COLUMN[facet])} AS v FROM search_documents WHERE ${where}) x
      GROUP BY v ORDER BY count(*) DESC LIMIT 20
    `);
  }
  return rows.length;
}

async function openDatabase(): Promise<{ handle: DbHandle; label: string; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await createDb();
    await migrateDb(handle);
    return { handle, label: 'PGlite (in-memory, WASM)', drop: async () => undefined };
  }
  if (REUSE_DB && !/^[a-z_][a-z0-9_]*$/.test(REUSE_DB))
    throw new Error('--reuse-db must be a plain lower-case identifier');
  const name = REUSE_DB ?? `sg_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  const exists = (await admin.unsafe('SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0;
  if (!exists) await admin.unsafe(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await createDb({ url: target.toString(), max: 4 });
  // A reused database keeps its schema (the initial migration is regenerated while nothing has shipped).
  if (!exists) await migrateDb(handle);
  const [{ server_version: version }] =
    await admin.unsafe<{ server_version: string }[]>('SHOW server_version');
  return {
    handle,
    label: `PostgreSQL ${version} (${target.host})`,
    drop: async () => {
      if (!REUSE_DB) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const log = (message: string) => {
  if (!JSON_OUT) console.log(message);
  else console.error(message);
};

async function main() {
  const universe = loadSkillUniverse();
  const taxonomy = taxonomyOf(universe);
  const { handle, label, drop } = await openDatabase();
  const db = handle.db;
  const index = createPostgresSearchIndex(db);
  const queries = scenarios(universe, taxonomy, QUERIES);
  const results: {
    candidates: number;
    engine: ReturnType<typeof summarize>;
    baseline: ReturnType<typeof summarize>;
    perKind: Record<string, { engineP95: number; baselineP95: number }>;
  }[] = [];
  try {
    log(
      `bench:search — ${label}; taxonomy: ${universe.source} (${taxonomy.size} skills); ${QUERIES} queries per engine per size`,
    );
    let loaded = await index.count();
    for (const size of [...SIZES].sort((a, b) => a - b)) {
      if (loaded > size) {
        log(`  skipping ${size}: the reused database already holds ${loaded} candidates`);
        continue;
      }
      const started = now();
      for (let from = loaded; from < size; from += 2_000) {
        await index.upsert(generateDocuments(universe, taxonomy, from, Math.min(size, from + 2_000)));
      }
      loaded = Math.max(loaded, size);
      // Steady state of a served table (autovacuum): statistics and visibility map are current.
      await db.execute(sql`VACUUM ANALYZE search_documents`);
      await db.execute(sql`VACUUM ANALYZE search_terms`);
      log(`  loaded ${size} candidates in ${((now() - started) / 1000).toFixed(1)} s`);

      // warm-up: one query of each kind on both
      for (const scenario of queries.slice(0, 10)) {
        await index.search(scenario.query, { organizationId: scenario.organizationId });
        if (!ENGINE_ONLY) await naiveSearch(db, scenario.query, scenario.organizationId);
      }
      const engineMs: number[] = [];
      const baselineMs: number[] = [];
      const kindMs = new Map<string, { engine: number[]; baseline: number[] }>();
      for (const [i, scenario] of queries.entries()) {
        const entry = kindMs.get(scenario.kind) ?? { engine: [], baseline: [] };
        kindMs.set(scenario.kind, entry);
        let t = now();
        await index.search(scenario.query, { organizationId: scenario.organizationId });
        const e = now() - t;
        engineMs.push(e);
        entry.engine.push(e);
        if (ENGINE_ONLY || i >= BASELINE_QUERIES) continue;
        t = now();
        await naiveSearch(db, scenario.query, scenario.organizationId);
        const b = now() - t;
        baselineMs.push(b);
        entry.baseline.push(b);
      }
      const perKind = Object.fromEntries(
        [...kindMs].map(([kind, ms]) => [
          kind,
          { engineP95: round(summarize(ms.engine).p95), baselineP95: round(summarize(ms.baseline).p95) },
        ]),
      );
      results.push({
        candidates: size,
        engine: summarize(engineMs),
        baseline: summarize(baselineMs),
        perKind,
      });
    }
  } finally {
    await handle.close();
    await drop();
  }

  const table = markdownTable(
    [
      'candidates',
      'engine p50',
      'engine p95',
      'ILIKE p50',
      'ILIKE p95',
      'p95 speed-up',
      `p95 < ${TARGET_P95_MS} ms`,
    ],
    results.map((r) => [
      r.candidates.toLocaleString('en-US'),
      fmt(r.engine.p50, 'ms'),
      fmt(r.engine.p95, 'ms'),
      fmt(r.baseline.p50, 'ms'),
      fmt(r.baseline.p95, 'ms'),
      fmtRatio(r.baseline.p95 / r.engine.p95),
      r.engine.p95 < TARGET_P95_MS ? 'yes' : 'NO',
    ]),
  );
  const kinds = Object.keys(results[0]?.perKind ?? {});
  const kindTable = markdownTable(
    [
      'query kind',
      ...results.flatMap((r) => [
        `engine p95 @${r.candidates / 1000}k`,
        `ILIKE p95 @${r.candidates / 1000}k`,
      ]),
    ],
    kinds.map((kind) => [
      kind,
      ...results.flatMap((r) => [
        fmt(r.perKind[kind].engineP95, 'ms'),
        fmt(r.perKind[kind].baselineP95, 'ms'),
      ]),
    ]),
  );
  log(`\n${table}\n\nPer query kind (p95):\n\n${kindTable}\n`);
  if (!ENGINE_ONLY) {
    log(
      `The engine ran all ${QUERIES} queries per size; the ILIKE baseline the first ${Math.min(BASELINE_QUERIES, QUERIES)} of them (every kind alike).`,
    );
  }
  if (baselineTimeouts) {
    log(
      `${baselineTimeouts} baseline queries hit the ${BASELINE_TIMEOUT_MS} ms timeout and count as ${BASELINE_TIMEOUT_MS} ms (the baseline is at least this slow).`,
    );
  }
  log(
    `Load average during the run: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} on ${os.cpus().length} cores.`,
  );
  if (JSON_OUT) {
    console.log(
      JSON.stringify({
        bench: 'search',
        database: label,
        taxonomy: universe.source,
        queries: QUERIES,
        targetP95Ms: TARGET_P95_MS,
        baselineTimeoutMs: BASELINE_TIMEOUT_MS,
        baselineQueries: Math.min(BASELINE_QUERIES, QUERIES),
        baselineTimeouts,
        loadAverage: os.loadavg()[0],
        sizes: results.map((r) => ({
          candidates: r.candidates,
          p50Ms: round(r.engine.p50),
          p95Ms: round(r.engine.p95),
          baselineP50Ms: round(r.baseline.p50),
          baselineP95Ms: round(r.baseline.p95),
          ratioP95: round(r.baseline.p95 / r.engine.p95),
          perKind: r.perKind,
        })),
      }),
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
