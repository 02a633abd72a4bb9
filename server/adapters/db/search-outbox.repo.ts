import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { pgTextArray } from '@/server/adapters/search/postgres.search';
import type { OutboxBacklog, OutboxClaim, SearchOutbox } from '@/server/ports/search-index';

export interface OutboxBackoff {
  /** Delay after the first failure. */
  baseMs: number;
  /** Longest delay between retries (it doubles per attempt up to this). */
  maxMs: number;
}

/**
 * The search-sync worker's view of the `outbox` table. Claims are short transactions that lease rows
 * (push `available_at` into the future) rather than holding locks while the engine is called — on PGlite a
 * held transaction would block every other query of the app.
 */
export function createSearchOutboxRepo(
  db: Db,
  backoff: OutboxBackoff = { baseMs: 1_000, maxMs: 300_000 },
): SearchOutbox {
  return {
    async claim(limit, leaseMs) {
      return db.transaction(async (tx) => {
        // Candidates whose every pending row is due: a row leased by another worker or waiting for a retry
        // holds back the candidate's later rows, which keeps changes in order per candidate.
        const ready = rowsOf<{ candidate_id: string }>(
          await tx.execute(sql`
            SELECT candidate_id::text AS candidate_id FROM outbox
            WHERE processed_at IS NULL
            GROUP BY candidate_id
            HAVING max(available_at) <= now()
            ORDER BY min(id)
            LIMIT ${limit}
          `),
        ).map((row) => row.candidate_id);
        if (!ready.length) return [];
        const candidates = pgTextArray(ready);
        const locked = rowsOf<{ id: string | number; candidate_id: string }>(
          await tx.execute(sql`
            SELECT id, candidate_id::text AS candidate_id FROM outbox
            WHERE processed_at IS NULL AND available_at <= now() AND candidate_id = ANY(${candidates}::uuid[])
            ORDER BY id
            FOR UPDATE SKIP LOCKED
          `),
        );
        const pending = rowsOf<{ candidate_id: string; n: string | number }>(
          await tx.execute(sql`
            SELECT candidate_id::text AS candidate_id, count(*) AS n FROM outbox
            WHERE processed_at IS NULL AND candidate_id = ANY(${candidates}::uuid[])
            GROUP BY candidate_id
          `),
        );
        const pendingCount = new Map(pending.map((row) => [row.candidate_id, Number(row.n)]));
        const byCandidate = new Map<string, number[]>();
        for (const row of locked) {
          const ids = byCandidate.get(row.candidate_id) ?? [];
          ids.push(Number(row.id));
          byCandidate.set(row.candidate_id, ids);
        }
        // Another worker holds some of this candidate's rows (or leased them since we looked): leave it whole.
        const claims: OutboxClaim[] = [...byCandidate]
          .filter(([candidateId, ids]) => ids.length === pendingCount.get(candidateId))
          .map(([candidateId, ids]) => ({ candidateId, ids }));
        const claimedIds = claims.flatMap((claim) => claim.ids);
        if (claimedIds.length) {
          await tx.execute(sql`
            UPDATE outbox SET available_at = now() + ${leaseMs} * interval '1 millisecond'
            WHERE id = ANY(${pgTextArray(claimedIds.map(String))}::bigint[])
          `);
        }
        return claims;
      });
    },

    async markProcessed(ids) {
      if (!ids.length) return;
      await db.execute(sql`
        UPDATE outbox SET processed_at = now(), last_error = NULL
        WHERE id = ANY(${pgTextArray(ids.map(String))}::bigint[]) AND processed_at IS NULL
      `);
    },

    async markFailed(ids, error) {
      if (!ids.length) return;
      await db.execute(sql`
        UPDATE outbox SET
          attempts = attempts + 1,
          last_error = left(${error}, 2000),
          available_at = now() + least(${backoff.maxMs}::float8, ${backoff.baseMs}::float8 * power(2, least(attempts, 30)))
            * (0.8 + random() * 0.4) * interval '1 millisecond'
        WHERE id = ANY(${pgTextArray(ids.map(String))}::bigint[]) AND processed_at IS NULL
      `);
    },

    async backlog(): Promise<OutboxBacklog> {
      const [row] = rowsOf<{
        pending: string | number;
        retrying: string | number;
        oldest: string | number | null;
      }>(
        await db.execute(sql`
          SELECT count(*) AS pending, count(*) FILTER (WHERE attempts > 0) AS retrying,
                 extract(epoch FROM now() - min(created_at)) AS oldest
          FROM outbox WHERE processed_at IS NULL
        `),
      );
      const [last] = rowsOf<{ last_error: string | null }>(
        await db.execute(sql`
          SELECT last_error FROM outbox WHERE processed_at IS NULL AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1
        `),
      );
      return {
        pending: Number(row?.pending ?? 0),
        retrying: Number(row?.retrying ?? 0),
        oldestPendingSeconds:
          row?.oldest === null || row?.oldest === undefined ? null : Math.round(Number(row.oldest)),
        lastError: last?.last_error ?? null,
      };
    },

    async highWatermark() {
      const [row] = rowsOf<{ max: string | number | null }>(
        await db.execute(sql`SELECT max(id) AS max FROM outbox`),
      );
      return Number(row?.max ?? 0);
    },

    async candidatesChangedSince(watermark) {
      return rowsOf<{ candidate_id: string }>(
        await db.execute(
          sql`SELECT DISTINCT candidate_id::text AS candidate_id FROM outbox WHERE id > ${watermark}`,
        ),
      ).map((row) => row.candidate_id);
    },

    async purgeProcessed(olderThanMs) {
      const rows = rowsOf<{ id: string | number }>(
        await db.execute(sql`
          DELETE FROM outbox WHERE processed_at IS NOT NULL
            AND processed_at < now() - ${olderThanMs} * interval '1 millisecond'
          RETURNING id
        `),
      );
      return rows.length;
    },
  };
}
