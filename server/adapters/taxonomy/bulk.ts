import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';

/** Reports progress of one import stage (`done` of `total` rows). */
export type ProgressFn = (stage: string, done: number, total: number) => void;

/**
 * Runs `INSERT … SELECT … FROM json_to_recordset($1)` in batches: one parameter per batch instead of
 * one per value, so tens of thousands of rows go in per statement on both postgres.js and PGlite.
 * `statement(json)` must return the full statement using the given JSON parameter; it should end
 * with `RETURNING 1` wrapped in a count, or return nothing — the number of affected rows reported by
 * the statement's `SELECT count(*)` (if any) is summed and returned.
 */
export async function insertJsonBatches<T>(
  tx: DbOrTx,
  rows: readonly T[],
  statement: (json: SQL) => SQL,
  opts: { batchSize?: number; stage?: string; onProgress?: ProgressFn } = {},
): Promise<number> {
  const size = opts.batchSize ?? 5000;
  let changed = 0;
  for (let i = 0; i < rows.length; i += size) {
    const json = JSON.stringify(rows.slice(i, i + size));
    const res = rowsOf<{ n?: number | string }>(await tx.execute(statement(sql`${json}::json`)));
    if (res[0] && res[0].n !== undefined) changed += Number(res[0].n);
    opts.onProgress?.(opts.stage ?? '', Math.min(rows.length, i + size), rows.length);
  }
  if (rows.length === 0) opts.onProgress?.(opts.stage ?? '', 0, 0);
  return changed;
}

/** Reads a count(*) style single-number result. */
export async function countOf(tx: DbOrTx, q: SQL): Promise<number> {
  const r = rowsOf<{ n: number | string }>(await tx.execute(q));
  return Number(r[0]?.n ?? 0);
}
