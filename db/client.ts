import fs from 'node:fs';
import path from 'node:path';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Schema = typeof schema;
/** A drizzle database over either postgres.js (DATABASE_URL) or embedded PGlite. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

/** LISTEN/NOTIFY on a PostgreSQL server, for telling every app instance about a change. */
export interface PgNotifications {
  notify(channel: string, payload: string): Promise<void>;
  /**
   * Listens on its own connection. `onListen` runs each time that connection is (re)established, the first
   * included: notifications sent while it was down are lost. Resolves to a function that stops listening.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen: () => void,
  ): Promise<() => Promise<void>>;
}

export interface DbHandle {
  db: Db;
  driver: 'postgres' | 'pglite';
  /** Present on a PostgreSQL server; PGlite serves one process, which needs no notifications. */
  notifications?: PgNotifications;
  /**
   * PostgreSQL: runs `fn` while holding a session advisory lock named `name` (on a connection of its own), so
   * processes sharing the database take turns — e.g. app instances starting together migrate one at a time.
   */
  exclusively?<T>(name: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/** `db.execute()` returns an array on postgres.js and `{ rows }` on PGlite; this reads both. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown[] } | null)?.rows;
  return (rows ?? []) as T[];
}

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database at ${dir} is in use by another process (pid ${pid}). ` +
        'PGlite cannot be shared between processes: stop the app first, or set DATABASE_URL to use a PostgreSQL server.',
    );
    this.name = 'DataDirLockedError';
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder's lock file, or throws DataDirLockedError naming the process that holds it. The lock
 * file appears with its pid already in it (written aside, then hard-linked into place), so another process
 * can never read a half-written lock and mistake it for a stale one.
 */
export function acquireDataDirLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, '..', `${path.basename(dir)}.lock`);
  const release = () => fs.rmSync(lockFile, { force: true });
  const staged = `${lockFile}.${process.pid}`;
  fs.writeFileSync(staged, String(process.pid));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.linkSync(staged, lockFile);
        process.once('exit', release);
        return release;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number(fs.readFileSync(lockFile, 'utf8'));
        if (holder === process.pid) return release;
        if (processAlive(holder)) throw new DataDirLockedError(dir, holder);
        fs.rmSync(lockFile, { force: true });
      }
    }
  } finally {
    fs.rmSync(staged, { force: true });
  }
  throw new Error(`Could not take the lock on ${dir}`);
}

export interface CreateDbOptions {
  /** postgres:// URL; absent means PGlite. */
  url?: string;
  /** PGlite data folder; absent means in-memory. */
  dataDir?: string;
  /** PGlite: a dumped data folder to start from (tests load a migrated template). */
  loadDataDir?: Blob;
  /** postgres.js pool size. */
  max?: number;
}

export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => undefined });
    const db = drizzle(client, { schema }) as unknown as Db;
    const notifications: PgNotifications = {
      async notify(channel, payload) {
        await client.notify(channel, payload);
      },
      async listen(channel, onNotify, onListen) {
        const { unlisten } = await client.listen(channel, onNotify, onListen);
        return unlisten;
      },
    };
    async function exclusively<T>(name: string, fn: () => Promise<T>): Promise<T> {
      // The lock is held by a connection of its own: reserving one of the pool's would leave a pool of one
      // nothing to run `fn` with.
      const locker = postgres(options.url!, { max: 1, onnotice: () => undefined });
      try {
        await locker`SELECT pg_advisory_lock(hashtext(${name}))`;
        try {
          return await fn();
        } finally {
          await locker`SELECT pg_advisory_unlock(hashtext(${name}))`;
        }
      } finally {
        await locker.end({ timeout: 5 });
      }
    }
    return {
      db,
      driver: 'postgres',
      notifications,
      exclusively,
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  let release: (() => void) | undefined;
  if (options.dataDir) {
    release = acquireDataDirLock(path.resolve(/*turbopackIgnore: true*/ options.dataDir));
  }
  const client = await PGlite.create({
    dataDir: options.dataDir ? path.resolve(/*turbopackIgnore: true*/ options.dataDir) : undefined,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm },
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    close: async () => {
      await client.close();
      release?.();
    },
  };
}

export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.driver === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    const run = () => migrate(handle.db as never, { migrationsFolder });
    // Instances starting together would otherwise apply the same migration at once, and all but one fail.
    await (handle.exclusively ? handle.exclusively('skillgraph:migrate', run) : run());
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, { migrationsFolder });
  }
}
