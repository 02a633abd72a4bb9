import { sql } from 'drizzle-orm';
import { searchEngineKind } from '@/server/env';
import { logger } from '@/server/logger';
import { getRuntime } from '@/server/runtime';
import { healthChecks } from '@/server/services/health.service';

export const dynamic = 'force-dynamic';

/** Database and search-engine reachability, and the outbox backlog; 503 when something is down. */
export async function GET() {
  try {
    const runtime = await getRuntime();
    await runtime.handle.db.execute(sql`select 1`);
    const report = await healthChecks(runtime);
    const ok = report.database.ok && report.search.ok;
    return Response.json({ status: ok ? 'ok' : 'degraded', ...report }, { status: ok ? 200 : 503 });
  } catch (error) {
    logger.error({ err: error }, 'health check failed');
    return Response.json(
      { status: 'down', database: { ok: false }, search: { ok: false, engine: searchEngineKind() } },
      { status: 503 },
    );
  }
}
