import type {
  OutboxBacklog,
  SearchDocumentSource,
  SearchIndex,
  SearchOutbox,
} from '@/server/ports/search-index';

/** The slice of a pino logger the worker uses. */
export interface SyncLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const silentLogger: SyncLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Called with the candidates whose search documents were just pushed, so other derived state (the ranking
 * engineer's in-memory index: `applyCandidateChanges(candidateIds)`) follows the same outbox.
 */
export type CandidatesChangedListener = (candidateIds: string[]) => void | Promise<void>;

export interface SearchSyncDeps {
  index: SearchIndex;
  outbox: SearchOutbox;
  source: SearchDocumentSource;
  log?: SyncLogger;
  onCandidatesChanged?: CandidatesChangedListener;
  /** Candidates per batch (default 200). */
  batchSize?: number;
  /** How long a claim is reserved for this worker before another may take it over (default 60 s). */
  leaseMs?: number;
}

export interface SyncRunReport {
  /** Candidates claimed in this run. */
  candidates: number;
  /** Outbox rows marked processed. */
  processed: number;
  /** Outbox rows that failed and were scheduled for a retry. */
  failed: number;
  upserted: number;
  deleted: number;
  error?: string;
}

export interface SearchSync {
  /** Claims one batch, pushes it to the engine and marks it processed (or failed, for a retry). */
  runOnce(): Promise<SyncRunReport>;
  /** Runs batches until nothing is due (or `maxBatches`); returns the sum. */
  drain(maxBatches?: number): Promise<SyncRunReport>;
  backlog(): Promise<OutboxBacklog>;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * The search sync: turns outbox rows into engine writes. Documents are rebuilt from the database at the
 * time of the push (never from the event), so replaying a row is harmless and the newest state always wins;
 * an engine outage leaves the rows pending with a growing backoff, so it delays updates and loses none.
 */
export function createSearchSync(deps: SearchSyncDeps): SearchSync {
  const log = deps.log ?? silentLogger;
  const batchSize = deps.batchSize ?? 200;
  const leaseMs = deps.leaseMs ?? 60_000;

  async function runOnce(): Promise<SyncRunReport> {
    const claims = await deps.outbox.claim(batchSize, leaseMs);
    const report: SyncRunReport = {
      candidates: claims.length,
      processed: 0,
      failed: 0,
      upserted: 0,
      deleted: 0,
    };
    if (!claims.length) return report;
    const candidateIds = claims.map((claim) => claim.candidateId);
    const rowIds = claims.flatMap((claim) => claim.ids);
    try {
      const documents = await deps.source.buildDocuments(candidateIds);
      const upserts = [...documents.values()].filter((document) => document !== null);
      const deletes = candidateIds.filter((id) => !documents.get(id));
      if (upserts.length) await deps.index.upsert(upserts);
      if (deletes.length) await deps.index.delete(deletes);
      await deps.outbox.markProcessed(rowIds);
      report.processed = rowIds.length;
      report.upserted = upserts.length;
      report.deleted = deletes.length;
    } catch (error) {
      report.error = describeError(error);
      report.failed = rowIds.length;
      log.warn({ err: error, candidates: candidateIds.length }, 'search sync batch failed; will retry');
      await deps.outbox.markFailed(rowIds, report.error);
      return report;
    }
    if (deps.onCandidatesChanged) {
      try {
        await deps.onCandidatesChanged(candidateIds);
      } catch (error) {
        log.error({ err: error, candidates: candidateIds.length }, 'candidates-changed listener failed');
      }
    }
    return report;
  }

  return {
    runOnce,
    async drain(maxBatches = Number.POSITIVE_INFINITY) {
      const total: SyncRunReport = { candidates: 0, processed: 0, failed: 0, upserted: 0, deleted: 0 };
      for (let batch = 0; batch < maxBatches; batch++) {
        const report = await runOnce();
        total.candidates += report.candidates;
        total.processed += report.processed;
        total.failed += report.failed;
        total.upserted += report.upserted;
        total.deleted += report.deleted;
        if (report.error) total.error = report.error;
        if (report.candidates === 0 || report.error) break;
      }
      return total;
    },
    backlog: () => deps.outbox.backlog(),
  };
}

export interface SearchWorkerOptions extends SearchSyncDeps {
  /** Pause between polls when the queue is empty or failing (default 1 s). */
  intervalMs?: number;
  /** Processed rows are kept this long for inspection, then purged (default 7 days). */
  retainProcessedMs?: number;
  /** How often to purge (default hourly). */
  purgeEveryMs?: number;
}

export interface SearchWorkerHandle {
  /** Polls now instead of at the next tick (e.g. right after an upload committed). */
  wake(): void;
  /** Stops polling and waits for the batch in flight. */
  stop(): Promise<void>;
  readonly sync: SearchSync;
}

/**
 * Runs the sync loop in this process (the embedded default; production runs the same loop in
 * `npm run worker`). Full batches are followed immediately by the next; otherwise it sleeps `intervalMs`.
 * Its timer is unref'd, so it never keeps a process alive by itself.
 */
export function startInProcessWorker(options: SearchWorkerOptions): SearchWorkerHandle {
  const log = options.log ?? silentLogger;
  const sync = createSearchSync(options);
  const intervalMs = options.intervalMs ?? 1_000;
  const retainMs = options.retainProcessedMs ?? 7 * 86_400_000;
  const purgeEveryMs = options.purgeEveryMs ?? 3_600_000;
  const batchSize = options.batchSize ?? 200;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> | null = null;
  let lastPurge = 0;

  const schedule = (delay: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref?.();
  };

  async function loop(): Promise<number> {
    let delay = intervalMs;
    try {
      const report = await sync.runOnce();
      if (report.processed > 0) log.info({ ...report }, 'search sync pushed a batch');
      if (!report.error && report.candidates >= batchSize) delay = 0;
      if (Date.now() - lastPurge > purgeEveryMs) {
        lastPurge = Date.now();
        const purged = await options.outbox.purgeProcessed(retainMs);
        if (purged) log.info({ purged }, 'purged processed outbox rows');
      }
    } catch (error) {
      log.error({ err: error }, 'search sync loop failed; retrying');
    }
    return delay;
  }

  function tick() {
    timer = null;
    if (stopped || inFlight) return;
    inFlight = loop().then((delay) => {
      inFlight = null;
      schedule(delay);
    });
  }

  schedule(0);
  return {
    sync,
    wake() {
      if (!inFlight) schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight;
    },
  };
}

export interface RebuildDeps {
  index: SearchIndex;
  source: SearchDocumentSource;
  outbox: SearchOutbox;
  log?: SyncLogger;
  batchSize?: number;
  /** Called after every batch with candidates read so far. */
  onProgress?: (done: number) => void;
}

export interface RebuildReport {
  candidates: number;
  documents: number;
  /** Candidates re-applied after the swap because they changed while the rebuild ran. */
  caughtUp: number;
}

/**
 * Rebuilds the whole index from the database next to the live one, swaps it in, then re-applies every
 * candidate whose outbox rows are newer than the rebuild's start (their live writes went to the old index).
 * Searches keep working throughout; the worker may keep running.
 */
export async function rebuildSearchIndex(deps: RebuildDeps): Promise<RebuildReport> {
  const batchSize = deps.batchSize ?? 500;
  const watermark = await deps.outbox.highWatermark();
  const settings = { synonyms: await deps.source.synonyms() };
  await deps.index.ensureSettings(settings);
  const rebuild = await deps.index.beginRebuild(settings);
  let candidates = 0;
  let documents = 0;
  try {
    for await (const ids of deps.source.candidateIdBatches(batchSize)) {
      const built = await deps.source.buildDocuments(ids);
      const batch = [...built.values()].filter((document) => document !== null);
      await rebuild.upsert(batch);
      candidates += ids.length;
      documents += batch.length;
      deps.onProgress?.(candidates);
    }
    await rebuild.commit();
  } catch (error) {
    await rebuild.abort().catch(() => undefined);
    throw error;
  }
  const changed = await deps.outbox.candidatesChangedSince(watermark);
  for (let start = 0; start < changed.length; start += batchSize) {
    const ids = changed.slice(start, start + batchSize);
    const built = await deps.source.buildDocuments(ids);
    const upserts = [...built.values()].filter((document) => document !== null);
    const deletes = ids.filter((id) => !built.get(id));
    if (upserts.length) await deps.index.upsert(upserts);
    if (deletes.length) await deps.index.delete(deletes);
  }
  deps.log?.info({ candidates, documents, caughtUp: changed.length }, 'search index rebuilt');
  return { candidates, documents, caughtUp: changed.length };
}
