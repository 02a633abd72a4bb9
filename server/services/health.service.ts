import { isNull, sql } from 'drizzle-orm';
import { outbox } from '@/db/schema';
import type { AppRuntime } from '@/server/container';

export interface HealthReport {
  database: { ok: boolean; driver: 'postgres' | 'pglite'; latencyMs: number };
  search: { ok: boolean; engine: 'postgres' | 'meilisearch'; documents: number | null; detail?: string };
  outbox: { pending: number; oldestPendingSeconds: number | null };
  ranking: {
    engine: 'index' | 'sql';
    candidates: number | null;
    /** Ranking lists served from the list cache (hits) and computed (cache off, or a miss) since start. */
    listCache: { enabled: boolean; entries: number; hits: number; computed: number; invalidated: number };
  };
  /** Which app instance answered (several may serve one address). */
  instanceId: string;
  uptimeSeconds: number;
}

export async function healthChecks(runtime: AppRuntime): Promise<HealthReport> {
  const { db, driver } = runtime.handle;
  const started = performance.now();
  const [pending] = await db
    .select({
      count: sql<number>`count(*)::int`,
      oldest: sql<string | null>`min(${outbox.createdAt})`,
    })
    .from(outbox)
    .where(isNull(outbox.processedAt));
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const search = await runtime.services.searchParts.index.health();
  const ranking = runtime.services.ranking.status();
  return {
    database: { ok: true, driver, latencyMs },
    search,
    ranking: {
      engine: ranking.engine,
      candidates: ranking.index?.candidates ?? null,
      listCache: ranking.listCache,
    },
    outbox: {
      pending: pending?.count ?? 0,
      oldestPendingSeconds: pending?.oldest
        ? Math.round((Date.now() - new Date(pending.oldest).getTime()) / 1000)
        : null,
    },
    instanceId: runtime.instanceId,
    uptimeSeconds: Math.round((Date.now() - runtime.startedAt.getTime()) / 1000),
  };
}
