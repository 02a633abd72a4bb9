import type { Db } from '@/db/client';
import { seedDemoAccounts, type SeedReport } from './demo';

/** Everything the first start needs for a meaningful demo. Idempotent. */
export async function seedDemo(db: Db, options: { candidateCount: number }): Promise<SeedReport> {
  return seedDemoAccounts(db, options);
}
