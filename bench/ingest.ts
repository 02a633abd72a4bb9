/**
 * `npm run bench:ingest -- --size small|medium|large [--json]` — wallets end to end: generated wallet files of
 * real signed credentials (VC-JWT and a share of Data Integrity eddsa-rdfc-2022) through the shared
 * extraction + verification path (`verifyFile`, the code the uploads route and `credentials:verify` share), and
 * through the `npm run credentials:verify` command when it exists (wall clock, process start included), and
 * through the credentials service (`ingestFile`: verify, store, skill mapping, outbox) on a throwaway PostgreSQL
 * database, compared with verification alone.
 *
 * In-run baseline: the same files, verified the way a naive integration would — a new verification runtime
 * (document loader, parsed contexts, proof cache) per wallet file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createVerificationRuntime, verifyFile } from '@/server/adapters/credentials/verify-file';
import { loadSkillUniverse, sharedDir, syntheticWallet } from './generate';
import { hasFlag, parseSize, type BenchSize } from './lib/args';
import { runCommand, tail } from './lib/child';
import { fmt, fmtRatio, markdownTable } from './lib/table';
import { round } from './lib/stats';
import postgres from 'postgres';
import { eq } from 'drizzle-orm';
import { createDb, migrateDb } from '@/db/client';
import { candidates, users } from '@/db/schema';
import { seedDemoAccounts } from '@/db/seed/demo';
import { seedStarterTaxonomy } from '@/db/seed/starter-taxonomy';
import { demoUsers } from '@/db/seed/demo-users';
import { BENCH_PG_URL, postgresReachable, withDatabase } from './lib/pg';

const WALLETS: Readonly<Record<BenchSize, number>> = { small: 20, medium: 60, large: 300 };

function contextsDir(): string | null {
  const dir = process.env.CREDENTIAL_CONTEXTS_DIR ?? path.join(sharedDir(), 'fixtures', 'contexts');
  return fs.existsSync(dir) ? dir : null;
}

export interface IngestBenchResult {
  bench: 'ingest';
  size: BenchSize;
  wallets: number;
  credentials: number;
  diShare: number;
  path: { name: string; perSecond: number; ms: number; verified: number };
  baseline: { name: string; perSecond: number; ms: number };
  ratio: number;
  cli:
    | { perSecond: number; ms: number; lines: number; verified: number }
    | { missing: string }
    | { error: string };
  /** The credentials service's ingestFile on PostgreSQL (verify, store, map, outbox). */
  service: { perSecond: number; ms: number; stored: number } | { missing: string } | { error: string };
}

/**
 * The full ingest path (verify + store + skill mapping + outbox, one transaction per credential) through the
 * credentials service, on a throwaway database on the local PostgreSQL. Null when PostgreSQL is not reachable.
 */
async function serviceIngest(
  files: { name: string; bytes: Uint8Array }[],
): Promise<{ ms: number; stored: number } | { error: string } | null> {
  if (!(await postgresReachable())) return null;
  const name = `skillgraph_bench_ingest_${process.pid}`;
  const admin = postgres(BENCH_PG_URL, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  try {
    const handle = await createDb({ url: withDatabase(BENCH_PG_URL, name), max: 4 });
    try {
      await migrateDb(handle);
      await seedDemoAccounts(handle.db, { candidateCount: 0 });
      await seedStarterTaxonomy(handle.db);
      const [row] = await handle.db
        .select({ userId: users.id, candidateId: candidates.id })
        .from(users)
        .innerJoin(candidates, eq(candidates.userId, users.id))
        .where(eq(users.email, demoUsers[0].email))
        .limit(1);
      const { buildServices } = await import('@/server/container');
      const services = buildServices({ db: handle.db });
      const actor = {
        userId: row.userId,
        role: 'candidate' as const,
        organizationId: null,
        candidateId: row.candidateId,
      };
      let stored = 0;
      const start = performance.now();
      for (const f of files) {
        for (const r of await services.credentials.ingestFile(actor, { fileName: f.name, bytes: f.bytes })) {
          if ((r as { stored?: boolean }).stored) stored++;
        }
      }
      return { ms: performance.now() - start, stored };
    } finally {
      await handle.close();
    }
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end({ timeout: 5 });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const size = parseSize(argv);
  const json = hasFlag(argv, 'json');
  const universe = loadSkillUniverse();
  const n = WALLETS[size];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillgraph-bench-wallets-'));
  const files: { name: string; bytes: Uint8Array }[] = [];
  let credentials = 0;
  const diShare = 0.3;
  for (let i = 0; i < n; i++) {
    const w = await syntheticWallet(universe, i, { seed: 7, diShare });
    fs.writeFileSync(path.join(dir, w.fileName), w.bytes);
    files.push({ name: w.fileName, bytes: w.bytes });
    credentials += w.credentials;
  }
  console.error(`ingest: ${n} wallets, ${credentials} credentials in ${dir}`);
  const contexts = contextsDir();
  const now = new Date(Date.UTC(2026, 0, 1));

  // Warm-up (untimed, its own runtime): JIT and module-level state, so neither measured pass pays for it.
  const warm = createVerificationRuntime({ contextsDir: contexts });
  for (const f of files.slice(0, Math.min(files.length, 10)))
    await verifyFile(f.name, f.bytes, warm, { now });

  // Shared runtime (what the app and the CLI do: one loader per process, warm caches) vs. the naive baseline
  // (a fresh runtime per wallet), interleaved file by file so machine-load drift hits both alike.
  const runtime = createVerificationRuntime({ contextsDir: contexts });
  let verified = 0;
  let pathMs = 0;
  let baseMs = 0;
  for (const [i, f] of files.entries()) {
    // Alternate which side goes first: whichever runs second finds the CPU caches warm.
    const runPath = async () => {
      const s1 = performance.now();
      for (const r of await verifyFile(f.name, f.bytes, runtime, { now }))
        if (r.verification.status === 'verified') verified++;
      pathMs += performance.now() - s1;
    };
    const runBase = async () => {
      const s2 = performance.now();
      const fresh = createVerificationRuntime({ contextsDir: contexts });
      await verifyFile(f.name, f.bytes, fresh, { now });
      baseMs += performance.now() - s2;
    };
    if (i % 2 === 0) {
      await runPath();
      await runBase();
    } else {
      await runBase();
      await runPath();
    }
  }

  let cli: IngestBenchResult['cli'];
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.['credentials:verify']) {
    cli = { missing: 'npm script credentials:verify does not exist yet' };
  } else {
    const r = await runCommand(
      'npm',
      ['run', '--silent', 'credentials:verify', '--', ...files.map((f) => path.join(dir, f.name))],
      {
        timeoutMs: 300_000,
        env: contexts ? { CREDENTIAL_CONTEXTS_DIR: contexts } : {},
      },
    );
    const lines = r.stdout.split('\n').filter((l) => l.trim().startsWith('{'));
    const ok = lines.filter((l) => /"status"\s*:\s*"verified"/.test(l)).length;
    cli =
      r.code === 0 || lines.length > 0
        ? { perSecond: round((lines.length / r.ms) * 1000, 1), ms: r.ms, lines: lines.length, verified: ok }
        : { error: `exit ${r.code}: ${tail(r.stderr || r.stdout, 3)}` };
  }
  console.error('ingest: full service path (store, map, outbox) on a throwaway PostgreSQL database…');
  const svc = await serviceIngest(files);
  const service: IngestBenchResult['service'] =
    svc === null
      ? { missing: 'PostgreSQL not reachable at 127.0.0.1' }
      : 'error' in svc
        ? { error: svc.error }
        : { perSecond: round((credentials / svc.ms) * 1000, 1), ms: Math.round(svc.ms), stored: svc.stored };
  fs.rmSync(dir, { recursive: true, force: true });

  const perSecond = (credentials / pathMs) * 1000;
  const basePerSecond = (credentials / baseMs) * 1000;
  const result: IngestBenchResult = {
    bench: 'ingest',
    size,
    wallets: n,
    credentials,
    diShare,
    path: {
      name: 'verifyFile, shared runtime (uploads/CLI code path)',
      perSecond: round(perSecond, 1),
      ms: Math.round(pathMs),
      verified,
    },
    baseline: {
      name: 'fresh runtime per wallet',
      perSecond: round(basePerSecond, 1),
      ms: Math.round(baseMs),
    },
    ratio: round(perSecond / basePerSecond, 2),
    cli,
    service,
  };
  console.log(
    markdownTable(
      ['path', 'credentials/s', 'baseline credentials/s', 'ratio', 'note'],
      [
        [
          result.path.name,
          fmt(perSecond),
          fmt(basePerSecond),
          fmtRatio(result.ratio),
          `${verified}/${credentials} verified`,
        ],
        [
          'npm run credentials:verify (wall clock)',
          'perSecond' in cli ? fmt(cli.perSecond) : 'missing' in cli ? 'MISSING' : 'FAILED',
          fmt(basePerSecond),
          'perSecond' in cli ? fmtRatio(cli.perSecond / basePerSecond) : '—',
          'perSecond' in cli
            ? `${cli.verified}/${cli.lines} verified, process start included`
            : 'missing' in cli
              ? cli.missing
              : cli.error,
        ],
        [
          'credentials service ingestFile: verify + store + map + outbox (PostgreSQL)',
          'perSecond' in service ? fmt(service.perSecond) : 'missing' in service ? 'MISSING' : 'FAILED',
          fmt(perSecond),
          'perSecond' in service ? fmtRatio(service.perSecond / perSecond) : '—',
          'perSecond' in service
            ? `${service.stored}/${credentials} stored; baseline here: verification only`
            : 'missing' in service
              ? service.missing
              : service.error,
        ],
      ],
    ),
  );
  if (json) console.log(JSON.stringify(result));
  if (verified !== credentials) {
    console.error(`FAIL: only ${verified} of ${credentials} generated credentials verified`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
