import { inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { candidates as candidatesTable } from '@/db/schema';
import {
  candidateCards,
  candidateRelation,
  findJobVersion,
  listShortlist,
  type JobVersionRecord,
} from '@/server/adapters/db/job.repo';
import {
  candidateIdPage,
  knownAchievements,
  loadCandidateRankingRows,
  loadRankingIndex,
  loadSkillEvidence,
  loadVisibleRankingCandidates,
  rankWithSql,
  replaceCandidateStrengths,
  strengthsAsOfDay,
} from '@/server/adapters/db/ranking.repo';
import { loadTaxonomyGraph, taxonomyVersion } from '@/server/adapters/db/taxonomy.repo';
import type { Actor } from '@/server/domain/auth/actor';
import { DomainError } from '@/server/domain/errors';
import {
  buildProfiles,
  compareCandidates,
  comparisonToCsv,
  compileIndexQuery,
  dayNumber,
  encodeRankingList,
  expandJob,
  explainGaps,
  profileFromIndexRows,
  rankBefore,
  scoreCandidate,
  taxonomyFromMaps,
  type CandidateProfile,
  type CandidateScore,
  type CandidateSkillEvidence,
  type ComparisonMatrix,
  type GapItem,
  type IndexQuery,
  type JobSpec,
  type KnownAchievement,
  type MatchRoute,
  type RankingIndex,
  type RankingListEncoding,
  type RankingListEntry,
  type RankOptions,
  type TaxonomyView,
} from '@/server/domain/ranking';
import { logger as rootLogger, type Logger } from '@/server/logger';
import { createAchievementCatalog } from './achievement-catalog';

/** Candidates recomputed per transaction during a full rebuild. */
const REBUILD_BATCH = 500;
/** How long the taxonomy graph is reused before checking whether it changed. */
const TAXONOMY_CHECK_MS = 60_000;
/** After how long the achievements known to certify a skill are read again ("closing the gap"; see achievement-catalog.ts). */
const CATALOG_CACHE_MS = 5 * 60_000;
const CATALOG_CACHE_MAX_SKILLS = 20_000;
/**
 * Candidates held by cached ranking lists in total (a list of 20 is ≈ 60 KB of objects, so ≈ 15–20 MB at most);
 * the least recently used list goes first past it.
 */
const LIST_CACHE_MAX_CANDIDATES = 5_000;
/** Jobs whose current version is remembered (which cached list a request most likely gets); cleared past it. */
const LAST_SEEN_VERSIONS_MAX = 10_000;

export interface RankForJobInput {
  jobId: string;
  /** A past version reproduces that version's ranking; default: current. */
  version?: number;
  verifiedOnly: boolean;
  mustHavesOnly: boolean;
  partialCredit: boolean;
  limit: number;
}

/** One ranked candidate of the list: its place, its card, and its score and gaps in cells (`RankingListEntry`). */
export interface RankedCandidate extends RankingListEntry {
  rank: number;
  displayName: string;
  headline: string;
}

/**
 * One page of a job's ranking. The requirements, the match routes and the taxonomy labels are sent once
 * (`RankingListEncoding`); each candidate carries a cell per requirement. `decodeRankedCandidate` gives back the
 * exact score (per-skill contributions summing to the points) and the gap list; per-credential evidence of matched
 * skills is left to the comparison and the profile.
 */
export interface JobRanking extends RankingListEncoding {
  job: { jobId: string; version: number; title: string; currentVersion: number };
  asOfDay: number;
  engine: 'index' | 'sql';
  options: Omit<RankForJobInput, 'jobId' | 'version'>;
  candidates: RankedCandidate[];
  /** For each skill some ranked candidate lacks: achievements other holders earned for it, most held first. */
  closingTheGap: Record<string, KnownAchievement[]>;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** The list's rows in rank order, with each candidate's card. */
function listRows(
  entries: readonly RankingListEntry[],
  cards: ReadonlyMap<string, { displayName: string; headline: string }>,
) {
  return entries.map((entry, i) => ({
    rank: i + 1,
    candidateId: entry.candidateId,
    displayName: cards.get(entry.candidateId)?.displayName ?? '',
    headline: cards.get(entry.candidateId)?.headline ?? '',
    points: entry.points,
    cells: entry.cells,
  }));
}

function spec(job: JobVersionRecord): JobSpec {
  return { jobId: job.jobId, version: job.version, requirements: job.requirements };
}

/**
 * A computed ranking list, reusable while nothing it was computed from has changed. Candidate changes drop exactly
 * the lists they can change (`listChangedBy`); a rebuild, another day, another taxonomy or other applicants drop
 * or bypass the rest.
 */
interface CachedList {
  asOfDay: number;
  /** The taxonomy view it was expanded with (a changed taxonomy is a new view object). */
  view: TaxonomyView;
  /** The organization's applied-only applicants it was ranked with (they are visible to it). */
  applied: ReadonlySet<string>;
  list: RankingListEncoding;
  entries: RankingListEntry[];
  gapSkills: string[];
  /** What it was ranked by, to score a changed candidate against it. */
  job: JobSpec;
  routes: MatchRoute[][];
  routeSkills: ReadonlySet<string>;
  rankOptions: RankOptions;
  mustHavesOnly: boolean;
  limit: number;
  ids: ReadonlySet<string>;
}

/**
 * Whether a candidate's new profile can change a cached list: the list is the top `limit` by (points, id) and a
 * candidate's points depend on its own profile only, so it changes exactly when the candidate was in it, or now
 * scores into it (into a list that was short of `limit`, or before its last entry). Visibility is left to the
 * per-request consent check, so a candidate who may not be shown only makes this answer yes more often.
 */
function listChangedBy(entry: CachedList, candidateId: string, profile: CandidateProfile | null): boolean {
  if (entry.ids.has(candidateId)) return true;
  if (!profile) return false;
  let holdsRouteSkill = false;
  for (const skillId of profile.skills.keys()) {
    if (entry.routeSkills.has(skillId)) {
      holdsRouteSkill = true;
      break;
    }
  }
  if (!holdsRouteSkill) return false;
  const score = scoreCandidate(entry.job, entry.routes, profile, entry.view, entry.rankOptions);
  if (score.points <= 0 || (entry.mustHavesOnly && !score.mustHavesMet)) return false;
  if (entry.entries.length < entry.limit) return true;
  return rankBefore(score, entry.entries[entry.entries.length - 1]);
}

export function createRankingService(
  db: Db,
  deps: {
    now?: () => Date;
    log?: Logger;
    useIndex?: boolean;
    listCache?: boolean;
    /** Candidates held by cached lists in total (default LIST_CACHE_MAX_CANDIDATES). */
    listCacheMaxCandidates?: number;
  } = {},
) {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? rootLogger;
  const useIndex = deps.useIndex ?? true;
  const useListCache = deps.listCache ?? true;
  const listCacheMaxCandidates = deps.listCacheMaxCandidates ?? LIST_CACHE_MAX_CANDIDATES;
  let index: RankingIndex | null = null;
  /**
   * Bumped after every change to the index or to the strengths behind it (rebuild, candidate changes from the
   * outbox — every write to evidence, credentials, visibility or trust enqueues one). A list whose computation saw
   * the generation move is not cached: the change may have landed half way through it.
   */
  let generation = 0;
  const listCache = new Map<string, CachedList>();
  let cachedCandidates = 0;
  const listCacheStats = { hits: 0, computed: 0, invalidated: 0 };
  /** Each ranked job's current version as last read (which cached list a request most likely gets). */
  const lastSeenVersion = new Map<string, number>();
  function forgetList(key: string): void {
    const entry = listCache.get(key);
    if (!entry) return;
    cachedCandidates -= entry.entries.length;
    listCache.delete(key);
  }
  function forgetAllLists(): void {
    listCache.clear();
    cachedCandidates = 0;
  }
  /** Drops the cached lists these candidates' new profiles (null: removed) can change. */
  function forgetListsChangedBy(changed: ReadonlyMap<string, CandidateProfile | null>): void {
    for (const [key, entry] of listCache) {
      for (const [id, profile] of changed) {
        if (listChangedBy(entry, id, profile)) {
          forgetList(key);
          listCacheStats.invalidated++;
          break;
        }
      }
    }
  }
  let asOfDay: number | null = null;
  let building: Promise<void> | null = null;
  let taxonomy: { view: TaxonomyView; version: string; checkedAt: number } | null = null;

  async function taxonomyView(): Promise<TaxonomyView> {
    const t = Date.now();
    if (taxonomy && t - taxonomy.checkedAt < TAXONOMY_CHECK_MS) return taxonomy.view;
    const version = await taxonomyVersion(db);
    if (taxonomy && taxonomy.version === version) {
      taxonomy.checkedAt = t;
      return taxonomy.view;
    }
    const graph = await loadTaxonomyGraph(db);
    taxonomy = { view: taxonomyFromMaps(graph), version, checkedAt: t };
    return taxonomy.view;
  }

  /** Recomputes strengths of some candidates from their evidence and stores them (one transaction). */
  async function recompute(candidateIds: readonly string[], day: number): Promise<string[]> {
    const existing = (
      await db
        .select({ id: candidatesTable.id })
        .from(candidatesTable)
        .where(inArray(candidatesTable.id, [...candidateIds]))
    ).map((r) => r.id);
    const profiles = buildProfiles(await loadSkillEvidence(db, existing), day);
    await db.transaction((tx) =>
      replaceCandidateStrengths(
        tx,
        existing,
        new Map(existing.map((id) => [id, [...(profiles.get(id)?.skills.values() ?? [])]])),
        day,
      ),
    );
    return existing;
  }

  /**
   * Rebuilds the ranking profiles and the in-memory index. `recompute` (default) recomputes every candidate's
   * strengths from evidence as of today — recency decay moves daily — then loads the index from Postgres.
   */
  async function rebuild(
    options: { recompute?: boolean } = {},
  ): Promise<{ candidates: number; postings: number; ms: number }> {
    const started = Date.now();
    let day = (await strengthsAsOfDay(db)) ?? dayNumber(now());
    if (options.recompute ?? true) {
      day = dayNumber(now());
      let after: string | null = null;
      for (;;) {
        const page = await candidateIdPage(db, after, REBUILD_BATCH);
        if (page.length === 0) break;
        await recompute(page, day);
        after = page[page.length - 1];
      }
    }
    asOfDay = day;
    if (useIndex) {
      const loaded = await loadRankingIndex(db);
      index = loaded.index;
    }
    generation++;
    forgetAllLists();
    const stats = index?.stats();
    const result = {
      candidates: stats?.candidates ?? 0,
      postings: stats?.postings ?? 0,
      ms: Date.now() - started,
    };
    log.info({ ...result, asOfDay: day, engine: useIndex ? 'index' : 'sql' }, 'ranking index rebuilt');
    return result;
  }

  /** Builds profiles and index on first use: recomputes when the stored strengths are missing or from another day. */
  async function ready(): Promise<void> {
    if (asOfDay !== null && (index || !useIndex)) return;
    if (!building) {
      building = (async () => {
        const stored = await strengthsAsOfDay(db);
        await rebuild({ recompute: stored !== dayNumber(now()) });
      })().finally(() => {
        building = null;
      });
    }
    await building;
  }

  /**
   * Brings the given candidates' ranking profiles up to date (strength rows and the in-memory index): call it for
   * every candidate id taken from the outbox. Deleted candidates leave the index.
   */
  async function applyCandidateChanges(candidateIds: readonly string[]): Promise<void> {
    const ids = [...new Set(candidateIds)];
    if (ids.length === 0) return;
    if (asOfDay === null) await ready();
    await changingIndex(async () => {
      await recompute(ids, asOfDay!);
      await reloadIntoIndex(ids);
    });
  }

  /**
   * Runs a change to the index and the strengths behind it: a list computed meanwhile is not cached (`generation`),
   * and one that fails half way leaves no cached list trusted (the index may hold part of it).
   */
  async function changingIndex(change: () => Promise<void>): Promise<void> {
    try {
      await change();
    } catch (error) {
      forgetAllLists();
      throw error;
    } finally {
      generation++;
    }
  }

  /** Reads the candidates' stored strength rows into the index; deleted candidates (no row) leave it. */
  async function reloadIntoIndex(ids: readonly string[]): Promise<void> {
    if (!index) return;
    const rows = await loadCandidateRankingRows(db, ids);
    const changed = new Map<string, CandidateProfile | null>();
    for (const id of ids) {
      const r = rows.get(id);
      if (r) index.upsertCandidate(id, r.visibility, r.rows);
      else index.removeCandidate(id);
      changed.set(id, r && r.visibility !== 'hidden' ? profileFromIndexRows(id, r.rows) : null);
    }
    forgetListsChangedBy(changed);
    if (index.overlaySize > Math.max(1000, index.stats().candidates / 50)) index.compact();
  }

  /**
   * Another instance applied these candidates' changes (their strength rows are stored): read them into this
   * instance's index. Nothing to do before the index is first built, which reads everything anyway.
   */
  async function reloadCandidates(candidateIds: readonly string[]): Promise<void> {
    const ids = [...new Set(candidateIds)];
    if (ids.length === 0 || !index) return;
    await changingIndex(() => reloadIntoIndex(ids));
  }

  async function employerJob(actor: Actor, jobId: string, version?: number): Promise<JobVersionRecord> {
    if (actor.role === 'candidate' || !actor.organizationId)
      throw new DomainError('FORBIDDEN', 'Employers only.');
    const job = await findJobVersion(db, jobId, version);
    if (!job || job.organizationId !== actor.organizationId)
      throw new DomainError('NOT_FOUND', 'Job not found.');
    return job;
  }

  /** The job (ownership checked) with its organization's applied-only applicants, in one statement. */
  async function employerJobForRanking(
    actor: Actor,
    jobId: string,
    version: number | undefined,
    cardsOf?: readonly string[],
  ) {
    if (actor.role === 'candidate' || !actor.organizationId)
      throw new DomainError('FORBIDDEN', 'Employers only.');
    const job = await findJobVersion(db, jobId, version, { appliedCandidates: true, cardsOf });
    if (!job || job.organizationId !== actor.organizationId)
      throw new DomainError('NOT_FOUND', 'Job not found.');
    return job;
  }

  /** Exact scores of some candidates, from their evidence (the explanation of a ranking). */
  async function scoreFromEvidence(
    job: JobSpec,
    candidateIds: readonly string[],
    options: RankOptions,
    expanded?: { view: TaxonomyView; routes: MatchRoute[][] },
    evidence?: CandidateSkillEvidence[],
  ): Promise<{ scores: CandidateScore[]; view: TaxonomyView }> {
    const view = expanded?.view ?? (await taxonomyView());
    const profiles = buildProfiles(evidence ?? (await loadSkillEvidence(db, candidateIds)), options.asOfDay);
    const routes = expanded?.routes ?? expandJob(job.requirements, view, options.partialCredit);
    const scores = candidateIds.map((id) =>
      scoreCandidate(
        job,
        routes,
        profiles.get(id) ?? ({ candidateId: id, skills: new Map() } as CandidateProfile),
        view,
        options,
      ),
    );
    return { scores, view };
  }

  /** Exact scores and gaps (with "closing the gap") for some candidates: the comparison and a candidate's own gap. */
  async function explain(
    job: JobSpec,
    candidateIds: readonly string[],
    options: RankOptions,
  ): Promise<Map<string, { score: CandidateScore; gaps: GapItem[] }>> {
    const { scores, view } = await scoreFromEvidence(job, candidateIds, options);
    const gapSkills = new Set<string>();
    for (const s of scores)
      for (const c of s.contributions) if (c.status !== 'matched') gapSkills.add(c.skillId);
    const known = await catalog.achievements([...gapSkills]);
    return new Map(scores.map((s) => [s.candidateId, { score: s, gaps: explainGaps(s, view, known) }]));
  }

  const catalog = createAchievementCatalog((skillIds) => knownAchievements(db, skillIds), {
    ttlMs: CATALOG_CACHE_MS,
    maxSkills: CATALOG_CACHE_MAX_SKILLS,
    onRefreshError: (error) =>
      log.warn({ err: error }, 'achievement catalog refresh failed; serving the last read'),
  });

  /**
   * The index's hits scored from its own rows, so the explanation is exactly the arithmetic that ranked them.
   * One statement re-checks consent (the index may lag a visibility change by one outbox cycle) and reads the
   * evidence a gap shows: the credentials behind each skill held instead of a required one. `drift` counts
   * candidates whose evidence no longer gives the strength the index holds (the outbox is about to update it).
   */
  async function scoreIndexHits(
    rankingIndex: RankingIndex,
    job: JobVersionRecord,
    routes: MatchRoute[][],
    routeSkills: ReadonlySet<string>,
    view: TaxonomyView,
    options: RankOptions,
    query: IndexQuery,
  ) {
    const hits = rankingIndex.query(query);
    const rows = rankingIndex.skillRowsOf(
      hits.map((h) => h.candidateId),
      routeSkills,
    );
    const profiles = new Map(
      hits.map((h) => [h.candidateId, profileFromIndexRows(h.candidateId, rows.get(h.candidateId)!)]),
    );
    const scoreOf = (id: string) => scoreCandidate(spec(job), routes, profiles.get(id)!, view, options);
    const scores = new Map(hits.map((h) => [h.candidateId, scoreOf(h.candidateId)]));
    const evidenceSkills = new Map<string, string[]>();
    for (const [id, score] of scores) {
      const held = score.contributions.flatMap((c) =>
        c.status !== 'matched' && c.via ? [c.via.skillId] : [],
      );
      if (held.length > 0) evidenceSkills.set(id, [...new Set(held)]);
    }
    const { cards, evidence } = await loadVisibleRankingCandidates(
      db,
      job.organizationId,
      hits.map((h) => h.candidateId),
      evidenceSkills,
    );
    let drift = 0;
    for (const [id, fromEvidence] of buildProfiles(evidence, options.asOfDay)) {
      const profile = profiles.get(id)!;
      let behind = false;
      for (const [skillId, strength] of fromEvidence.skills) {
        const stored = profile.skills.get(skillId);
        if (
          !stored ||
          stored.strength !== strength.strength ||
          stored.verifiedStrength !== strength.verifiedStrength
        )
          behind = true;
        if (stored) stored.evidence = strength.evidence;
      }
      if (behind) drift++;
      scores.set(id, scoreOf(id));
    }
    const visible = [...scores.values()].filter((s) => cards.has(s.candidateId));
    return { engine: 'index' as const, scores: visible, cards, drift, hitCount: hits.length };
  }

  /** Without an index: SQL ranks, and the visible hits are scored from their evidence. */
  async function scoreSqlHits(
    job: JobVersionRecord,
    routes: MatchRoute[][],
    view: TaxonomyView,
    options: RankOptions,
    query: Omit<IndexQuery, 'appliedCandidateIds'>,
  ) {
    const hits = await rankWithSql(db, { ...query, organizationId: job.organizationId });
    const hitIds = hits.map((h) => h.candidateId);
    const { cards, evidence } = await loadVisibleRankingCandidates(db, job.organizationId, hitIds);
    const visibleIds = hitIds.filter((id) => cards.has(id));
    const { scores } = await scoreFromEvidence(spec(job), visibleIds, options, { view, routes }, evidence);
    const byId = new Map(scores.map((s) => [s.candidateId, s]));
    const drift = hits.filter(
      (h) => byId.has(h.candidateId) && byId.get(h.candidateId)!.points !== h.points,
    ).length;
    return { engine: 'sql' as const, scores, cards, drift, hitCount: hits.length };
  }

  return {
    rebuild,
    applyCandidateChanges,
    reloadCandidates,
    /** Changes may have been missed (the change feed reconnected): read the whole index again if one is held. */
    async reloadAll() {
      if (index) await rebuild({ recompute: false });
    },

    /** Which engine answers and how big the index is (for /api/health and the admin page). */
    status() {
      return {
        engine: index ? ('index' as const) : ('sql' as const),
        asOfDay,
        index: index?.stats() ?? null,
        listCache: { enabled: useListCache, entries: listCache.size, ...listCacheStats },
      };
    },

    /**
     * Ranks the candidates visible to the job's organization: top `limit` by exact score, ties by candidate id,
     * each with its per-skill contributions and gap list. Uses the in-memory index, or the SQL path without one.
     */
    async forJob(actor: Actor, input: RankForJobInput): Promise<JobRanking> {
      const options = {
        verifiedOnly: input.verifiedOnly,
        mustHavesOnly: input.mustHavesOnly,
        partialCredit: input.partialCredit,
        limit: input.limit,
      };
      const listKey = (version: number) => JSON.stringify([input.jobId, version, options]);
      // The list this request most likely gets from the cache (the job's version as last seen): its cards and
      // consent are read with the job, in one statement. Checked against the job's actual version below.
      const likelyVersion = input.version ?? lastSeenVersion.get(input.jobId);
      const likely =
        useListCache && likelyVersion !== undefined ? listCache.get(listKey(likelyVersion)) : undefined;
      const job = await employerJobForRanking(
        actor,
        input.jobId,
        input.version,
        likely?.entries.map((e) => e.candidateId),
      );
      if (lastSeenVersion.size >= LAST_SEEN_VERSIONS_MAX) lastSeenVersion.clear();
      lastSeenVersion.set(job.jobId, job.currentVersion);
      if (job.requirements.length === 0)
        throw new DomainError('BAD_INPUT', 'Add required skills to the job first.');
      await ready();
      const day = asOfDay!;
      const view = await taxonomyView();
      const head = {
        job: { jobId: job.jobId, version: job.version, title: job.title, currentVersion: job.currentVersion },
        asOfDay: day,
        options,
      };
      const cacheKey = listKey(job.version);
      const startedAt = generation;
      const indexAtStart = index;
      const applied = indexAtStart ? new Set(job.appliedCandidateIds) : null;

      // A list no candidate change has dropped, computed for the same day, taxonomy and applicants, is the same
      // list; consent and the cards are still read per request (a candidate may turn hidden before the outbox
      // tells the index).
      const cached = useListCache && applied ? listCache.get(cacheKey) : undefined;
      if (cached && cached.asOfDay === day && cached.view === view && sameSet(cached.applied, applied!)) {
        const ids = cached.entries.map((e) => e.candidateId);
        const cards =
          cached === likely && job.cards
            ? job.cards
            : await candidateCards(db, ids, { visibleTo: job.organizationId });
        if (ids.every((id) => cards.has(id))) {
          listCacheStats.hits++;
          listCache.delete(cacheKey);
          listCache.set(cacheKey, cached);
          return {
            ...head,
            engine: 'index',
            ...cached.list,
            candidates: listRows(cached.entries, cards),
            closingTheGap: await catalog.suggestions(cached.gapSkills),
          };
        }
      }
      listCacheStats.computed++;
      if (cached) forgetList(cacheKey);

      const routes = expandJob(job.requirements, view, input.partialCredit);
      const routeSkills = new Set(routes.flatMap((r) => r.map((route) => route.skillId)));
      const compiled = compileIndexQuery(job.requirements, routes, { ...options, asOfDay: day });
      const rankOptions: RankOptions = {
        partialCredit: input.partialCredit,
        verifiedOnly: input.verifiedOnly,
        asOfDay: day,
      };
      const { engine, scores, cards, drift, hitCount } = indexAtStart
        ? await scoreIndexHits(indexAtStart, job, routes, routeSkills, view, rankOptions, {
            ...compiled,
            appliedCandidateIds: applied!,
          })
        : await scoreSqlHits(job, routes, view, rankOptions, compiled);
      if (drift > 0) {
        log.warn(
          { jobId: job.jobId, candidates: drift },
          'ranking profile behind evidence (the outbox has yet to apply a change); list not cached',
        );
      }
      const ranked = scores
        .filter((s) => s.points > 0 && (!input.mustHavesOnly || s.mustHavesMet))
        .sort((a, b) => (rankBefore(a, b) ? -1 : rankBefore(b, a) ? 1 : 0));
      const gapSkills = [
        ...new Set(
          ranked.flatMap((s) => s.contributions.filter((c) => c.status !== 'matched').map((c) => c.skillId)),
        ),
      ];
      const noCatalog = new Map<string, KnownAchievement[]>();
      const { entries, ...list } = encodeRankingList(
        job.requirements,
        ranked.map((score) => ({ score, gaps: explainGaps(score, view, noCatalog) })),
        (id) => view.labelOf(id),
      );
      // Kept only when it came from the index, every hit was visible and its evidence agreed with the index:
      // otherwise the outbox is about to change the index, and the next request recomputes anyway.
      if (
        useListCache &&
        engine === 'index' &&
        drift === 0 &&
        cards.size === hitCount &&
        generation === startedAt
      ) {
        forgetList(cacheKey);
        while (listCache.size > 0 && cachedCandidates + entries.length > listCacheMaxCandidates)
          forgetList(listCache.keys().next().value!);
        cachedCandidates += entries.length;
        listCache.set(cacheKey, {
          asOfDay: day,
          view,
          applied: applied!,
          list,
          entries,
          gapSkills,
          job: spec(job),
          routes,
          routeSkills,
          rankOptions,
          mustHavesOnly: input.mustHavesOnly,
          limit: input.limit,
          ids: new Set(entries.map((e) => e.candidateId)),
        });
      }
      return {
        ...head,
        engine,
        ...list,
        candidates: listRows(entries, cards),
        closingTheGap: await catalog.suggestions(gapSkills),
      };
    },

    /** Skills × candidates matrix for 2–10 shortlisted candidates of the job (visible to the organization). */
    async compare(
      actor: Actor,
      input: { jobId: string; candidateIds: string[]; partialCredit: boolean; verifiedOnly: boolean },
    ): Promise<{
      matrix: ComparisonMatrix;
      names: string[];
      gaps: Record<string, GapItem[]>;
      asOfDay: number;
    }> {
      const job = await employerJob(actor, input.jobId);
      const ids = [...new Set(input.candidateIds)];
      if (ids.length < 2 || ids.length > 10)
        throw new DomainError('BAD_INPUT', 'Compare between 2 and 10 candidates.');
      const shortlisted = new Set((await listShortlist(db, job.jobId)).map((r) => r.candidateId));
      const cards = await candidateCards(db, ids, { visibleTo: job.organizationId });
      const refused = ids.filter((id) => !shortlisted.has(id) || !cards.has(id));
      if (refused.length > 0)
        throw new DomainError('BAD_INPUT', 'Only shortlisted candidates can be compared.');
      await ready();
      const details = await explain(spec(job), ids, {
        partialCredit: input.partialCredit,
        verifiedOnly: input.verifiedOnly,
        asOfDay: asOfDay!,
      });
      const scores = ids.map((id) => details.get(id)!.score);
      return {
        matrix: compareCandidates(job.requirements, scores),
        names: ids.map((id) => cards.get(id)?.displayName ?? id),
        gaps: Object.fromEntries(ids.map((id) => [id, details.get(id)!.gaps])),
        asOfDay: asOfDay!,
      };
    },

    async compareCsv(
      actor: Actor,
      input: { jobId: string; candidateIds: string[]; partialCredit: boolean; verifiedOnly: boolean },
    ): Promise<{ filename: string; csv: string }> {
      const result = await this.compare(actor, input);
      const job = await employerJob(actor, input.jobId);
      const slug =
        job.title
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')
          .slice(0, 40) || 'job';
      return {
        filename: `compare-${slug}-v${job.version}.csv`,
        csv: comparisonToCsv(result.matrix, result.names),
      };
    },

    /** A candidate's own score and gap for a job they applied to or saved, with the credentials that would close it. */
    async myGap(actor: Actor, input: { jobId: string; partialCredit: boolean }) {
      if (actor.role !== 'candidate' || !actor.candidateId)
        throw new DomainError('FORBIDDEN', 'Candidates only.');
      const relation = await candidateRelation(db, actor.candidateId, input.jobId);
      if (!relation.applied && !relation.saved)
        throw new DomainError('NOT_FOUND', 'Apply to or save this job first.');
      const job = await findJobVersion(db, input.jobId);
      if (!job) throw new DomainError('NOT_FOUND', 'Job not found.');
      await ready();
      const details = await explain(spec(job), [actor.candidateId], {
        partialCredit: input.partialCredit,
        verifiedOnly: false,
        asOfDay: asOfDay!,
      });
      const d = details.get(actor.candidateId)!;
      return {
        job: {
          jobId: job.jobId,
          version: job.version,
          title: job.title,
          organizationName: job.organizationName,
        },
        asOfDay: asOfDay!,
        score: d.score,
        gaps: d.gaps,
      };
    },
  };
}

export type RankingService = ReturnType<typeof createRankingService>;
