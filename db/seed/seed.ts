import type { Db } from '@/db/client';
import { seedDemoAccounts, type SeedReport } from './demo';
import { seedStarterTaxonomy } from './starter-taxonomy';

export interface DemoSeedReport extends SeedReport {
  skills: number;
}

/** Everything the first start needs for a meaningful demo. Idempotent. */
export async function seedDemo(db: Db, options: { candidateCount: number }): Promise<DemoSeedReport> {
  const taxonomy = await seedStarterTaxonomy(db);
  const accounts = await seedDemoAccounts(db, options);
  return { ...accounts, skills: taxonomy.skills ?? 0 };
}
