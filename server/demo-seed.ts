import type { Db } from '@/db/client';
import { seedDemoCredentials } from '@/db/seed/demo-credentials';
import { seedDemoJobs } from '@/db/seed/demo-jobs';
import { seedDemo } from '@/db/seed/seed';
import type { Services } from '@/server/container';

/**
 * The whole demo: starter taxonomy, organizations and users, candidates with credentials ingested through the
 * upload path, and jobs with applications. Idempotent; search and ranking catch up through the outbox.
 */
export async function seedDemoData(db: Db, services: Services, options: { candidateCount: number }) {
  const started = Date.now();
  const accounts = await seedDemo(db, options);
  const { credentials } = await seedDemoCredentials(
    db,
    (actor, input) => services.credentials.ingestFile(actor, input),
    options,
  );
  const jobs = await seedDemoJobs(db, services.jobs);
  return {
    ...accounts,
    newCredentials: credentials,
    newJobs: jobs.jobs,
    newApplications: jobs.applications,
    ms: Date.now() - started,
  };
}
