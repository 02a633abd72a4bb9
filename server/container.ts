import { sql } from 'drizzle-orm';
import type { Db, DbHandle } from '@/db/client';
import { createAccountsService } from '@/server/services/accounts.service';

export interface ServiceDeps {
  db: Db;
}

/** The one wiring file: every service, built from its adapters. */
export function buildServices(deps: ServiceDeps) {
  const { db } = deps;
  return {
    accounts: createAccountsService(db),
    /** The Postgres engine lives in the application database, so it is reachable when the database is. */
    searchHealth: async (): Promise<{ ok: boolean; detail?: string }> => {
      await db.execute(sql`select 1`);
      return { ok: true, detail: 'postgres engine (application database)' };
    },
  };
}

export type Services = ReturnType<typeof buildServices>;

export interface AppRuntime {
  handle: DbHandle;
  services: Services;
  startedAt: Date;
}
