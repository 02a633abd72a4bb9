/**
 * Child process of bench:rank: rebuilds the ranking index from the PostgreSQL database in argv[2] and prints
 * `{"ms", "rows", "candidates"}` — what an app instance does at start, in a process that holds nothing else.
 */
import { createDb } from '@/db/client';
import { loadRankingIndex } from '@/server/adapters/db/ranking.repo';

const url = process.argv[2];
if (!url) throw new Error('usage: rank-rebuild-probe <database url>');
const db = await createDb({ url, max: 2 });
try {
  const t0 = process.hrtime.bigint();
  const loaded = await loadRankingIndex(db.db);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(JSON.stringify({ ms, rows: loaded.rows, candidates: loaded.index.stats().candidates }));
} finally {
  await db.close();
}
