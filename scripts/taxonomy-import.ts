/**
 * `npm run taxonomy:import -- esco <dir> [--version 1.2.0]`
 * `npm run taxonomy:import -- onet <dir>`
 * `npm run taxonomy:import -- starter`
 *
 * Imports a taxonomy into the database the app uses (DATABASE_URL, else the embedded PGlite folder).
 * Refuses when the embedded folder is held by the running app. All-or-nothing per run; re-running
 * changes nothing. Bad files are listed with line numbers and nothing is written.
 */
import os from 'node:os';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { createDb, DataDirLockedError, migrateDb, type DbHandle } from '@/db/client';
import { seedStarterTaxonomy } from '@/db/seed/starter-taxonomy';
import { getEnv } from '@/server/env';
import { ImportValidationError } from '@/server/adapters/taxonomy/csv-table';
import { importEsco } from '@/server/adapters/taxonomy/esco.importer';
import { importOnet } from '@/server/adapters/taxonomy/onet.importer';
import type { ProgressFn } from '@/server/adapters/taxonomy/bulk';

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
}

function usage(): never {
  console.error(
    'usage: npm run taxonomy:import -- esco <dir> [--version X] | onet <dir> [--version X] | starter',
  );
  process.exit(2);
}

function progressBar(): { onProgress: ProgressFn; stop(): void } {
  const bar = new cliProgress.SingleBar(
    { format: '{stage} |{bar}| {value}/{total}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let current = '';
  let started = false;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  return {
    onProgress(stage, done, total) {
      if (!process.stdout.isTTY) {
        if (stage !== current && total > 0)
          console.log(
            `${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s (CPU ${cpuSeconds(cpu0).toFixed(1)} s)  ${stage}: ${total} rows`,
          );
        current = stage;
        return;
      }
      if (stage !== current) {
        if (started) bar.stop();
        bar.start(Math.max(total, 1), done, { stage: stage.padEnd(18) });
        started = true;
        current = stage;
      } else bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const kind = args[0];
  if (!kind || !['esco', 'onet', 'starter'].includes(kind)) usage();
  const dir = kind === 'starter' ? null : args[1];
  if (kind !== 'starter' && !dir) usage();
  const vi = args.indexOf('--version');
  const version = vi > 0 ? args[vi + 1] : undefined;

  const env = getEnv();
  let handle: DbHandle;
  try {
    handle = env.DATABASE_URL
      ? await createDb({ url: env.DATABASE_URL })
      : await createDb({ dataDir: env.PGLITE_DATA_DIR });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`Refusing to import: ${e.message}`);
      process.exit(3);
    }
    throw e;
  }
  const bar = progressBar();
  try {
    await migrateDb(handle);
    if (kind === 'starter') {
      const r = await seedStarterTaxonomy(handle.db);
      console.log(
        `starter taxonomy: ${r.skills} skills, ${r.changed} rows changed, ${r.crosswalks} crosswalks to ESCO`,
      );
      return;
    }
    const abs = path.resolve(dir as string);
    const cpu0 = process.cpuUsage();
    const r =
      kind === 'esco'
        ? await importEsco(handle.db, abs, { version, onProgress: bar.onProgress })
        : await importOnet(handle.db, abs, { version, onProgress: bar.onProgress });
    bar.stop();
    console.log(
      `${r.framework} (${r.layout} layout): ${r.skills} skills, ${r.occupations} occupations, ` +
        `${r.changed} rows changed, ${r.crosswalks} crosswalks, ${(r.durationMs / 1000).toFixed(1)} s ` +
        `(CPU ${cpuSeconds(cpu0).toFixed(1)} s, load average ${os.loadavg()[0].toFixed(1)})`,
    );
    if (kind === 'esco') console.log('This service uses the ESCO classification of the European Commission.');
  } catch (e) {
    bar.stop();
    if (e instanceof ImportValidationError) {
      console.error(e.message);
      process.exitCode = 1;
      return;
    }
    throw e;
  } finally {
    await handle.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
