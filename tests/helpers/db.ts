import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDb, type Db, type DbHandle, type PgNotifications } from '@/db/client';

export interface TestDb {
  db: Db;
  driver: 'postgres' | 'pglite';
  /** LISTEN/NOTIFY (PostgreSQL server only). */
  notifications?: PgNotifications;
  /** Another connection pool to the same database, as a second app instance would have (PostgreSQL only). */
  connectAgain?(): Promise<DbHandle>;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database: PGlite loaded from the migrated template built once in global setup, or,
 * when DATABASE_URL is set, a new database on that server cloned from the migrated template database.
 */
export async function createTestDb(): Promise<TestDb> {
  const template = inject('testDbTemplate');
  if (template.kind === 'postgres') {
    const name = `sg_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(template.adminUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template.templateName}`);
    await admin.end();
    const url = new URL(template.adminUrl);
    url.pathname = `/${name}`;
    const handle = await createDb({ url: url.toString(), max: 4 });
    const others: DbHandle[] = [];
    return {
      db: handle.db,
      driver: 'postgres',
      notifications: handle.notifications,
      async connectAgain() {
        const other = await createDb({ url: url.toString(), max: 2 });
        others.push(other);
        return other;
      },
      close: async () => {
        await Promise.all(others.map((other) => other.close()));
        await handle.close();
        const dropper = postgres(template.adminUrl, { max: 1, onnotice: () => undefined });
        await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.end();
      },
    };
  }
  const dump = new Blob([fs.readFileSync(template.dumpFile)]);
  const handle = await createDb({ loadDataDir: dump });
  return { db: handle.db, driver: 'pglite', close: handle.close };
}
