import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { createDb, migrateDb } from '@/db/client';

type TemplateInfo =
  { kind: 'pglite'; dumpFile: string } | { kind: 'postgres'; adminUrl: string; templateName: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testDbTemplate: TemplateInfo;
  }
}

/** Migrates one template database per test run; each test file clones it (PGlite dump or CREATE DATABASE … TEMPLATE). */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const templateName = `sg_tpl_${randomBytes(5).toString('hex')}`;
    const admin = postgres(url, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`CREATE DATABASE ${templateName}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${templateName}`;
    const handle = await createDb({ url: templateUrl.toString(), max: 1 });
    await migrateDb(handle);
    await handle.close();
    project.provide('testDbTemplate', { kind: 'postgres', adminUrl: url, templateName });
    console.log(`[tests] database: PostgreSQL server (${templateUrl.host}), template ${templateName}`);
    return async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = path.resolve('tests/.tmp');
  fs.mkdirSync(dir, { recursive: true });
  const dumpFile = path.join(dir, `pglite-template-${process.pid}.tar.gz`);
  const handle = await createDb();
  await migrateDb(handle);
  const pglite = (handle.db as unknown as { $client: { dumpDataDir(c?: 'gzip' | 'none'): Promise<Blob> } })
    .$client;
  const dump = await pglite.dumpDataDir('gzip');
  fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('testDbTemplate', { kind: 'pglite', dumpFile });
  console.log('[tests] database: embedded PGlite (set DATABASE_URL to use a PostgreSQL server)');
  return () => fs.rmSync(dumpFile, { force: true });
}
