/**
 * Shared plumbing for the load and fault scripts: throwaway databases on the local PostgreSQL, the built app
 * started with `next start` on a loopback port, demo sign-in through next-auth, tRPC over HTTP. Loopback only:
 * every URL built here is http://127.0.0.1:<port>.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import postgres from 'postgres';
import { BENCH_PG_URL, postgresReachable, withDatabase } from '@/bench/lib/pg';
import { runCommand, tail } from '@/bench/lib/child';

export const LOOPBACK = '127.0.0.1';

/** A dependency the script needs is not there yet: the script exits 2 saying which. */
export class MissingDependencyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingDependencyError';
  }
}

/** Standard ending for load/fault scripts: exit 0 on pass, 1 on a failed assertion, 2 on a missing dependency. */
export function runMain(name: string, main: () => Promise<boolean>): void {
  main()
    .then((ok) => {
      console.log(ok ? `\n${name}: PASS` : `\n${name}: FAIL`);
      process.exit(ok ? 0 : 1);
    })
    .catch((error) => {
      if (error instanceof MissingDependencyError) {
        console.error(`\n${name}: CANNOT RUN — ${error.message}`);
        process.exit(2);
      }
      console.error(`\n${name}: ERROR —`, error);
      process.exit(1);
    });
}

export function requireFile(file: string, what: string): void {
  if (!fs.existsSync(file)) throw new MissingDependencyError(`${what} (${file} does not exist)`);
}

export function requireBuild(): void {
  requireFile(path.join('.next', 'BUILD_ID'), 'the app is not built: run `npm run build` first');
}

export function requireNpmScript(name: string): void {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.[name]) throw new MissingDependencyError(`npm script "${name}" does not exist yet`);
}

export interface ThrowawayDb {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the local PostgreSQL (127.0.0.1), dropped by `drop()`. */
export async function createThrowawayDatabase(prefix: string): Promise<ThrowawayDb> {
  if (!(await postgresReachable())) {
    throw new MissingDependencyError(
      `PostgreSQL is not answering at ${BENCH_PG_URL} (start it: pg_ctlcluster 15 main start)`,
    );
  }
  const name = `${prefix}_${process.pid}_${Date.now() % 100000}`;
  const admin = postgres(BENCH_PG_URL, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  await admin.end({ timeout: 5 });
  return databaseHandle(name);
}

function databaseHandle(name: string): ThrowawayDb {
  return {
    name,
    url: withDatabase(BENCH_PG_URL, name),
    async drop() {
      const a = postgres(BENCH_PG_URL, { max: 1, onnotice: () => undefined });
      await a.unsafe(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await a.end({ timeout: 5 });
    },
  };
}

/**
 * A named database on the local PostgreSQL that outlives the run (`drop()` drops it): `create` makes it and
 * refuses an existing one (never load into someone's database); `reuse` requires it to exist.
 */
export async function namedDatabase(name: string, mode: 'create' | 'reuse'): Promise<ThrowawayDb> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`database name "${name}": use [a-z0-9_]`);
  if (!(await postgresReachable())) {
    throw new MissingDependencyError(
      `PostgreSQL is not answering at ${BENCH_PG_URL} (start it: pg_ctlcluster 15 main start)`,
    );
  }
  const admin = postgres(BENCH_PG_URL, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await admin`SELECT count(*)::int AS n FROM pg_database WHERE datname = ${name}`;
    const exists = (row as { n: number }).n > 0;
    if (mode === 'create' && exists) throw new Error(`database ${name} exists: drop it or use --reuse-db`);
    if (mode === 'reuse' && !exists)
      throw new Error(`database ${name} does not exist: load it with --keep-db`);
    if (mode === 'create') await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return databaseHandle(name);
}

/** Runs an npm script against a database; throws with the output tail when it fails. */
export async function npmRun(
  script: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 300_000,
): Promise<string> {
  const r = await runCommand('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
    timeoutMs,
    env,
  });
  if (r.code !== 0) {
    throw new Error(
      `npm run ${script} failed (exit ${r.code}${r.timedOut ? ', timed out' : ''}):\n${tail(r.stderr || r.stdout, 12)}`,
    );
  }
  return r.stdout;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, LOOPBACK, () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningApp {
  baseUrl: string;
  pid: number;
  logs(): string;
  stop(): Promise<void>;
}

/** Environment for an app or worker process bound to a throwaway database. */
export function appEnv(
  databaseUrl: string,
  port: number,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'production',
    NEXTAUTH_SECRET: 'skillgraph-load-test-secret-0123456789',
    NEXTAUTH_URL: `http://${LOOPBACK}:${port}`,
    DEMO_USERS_ENABLED: 'true',
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    NEXT_TELEMETRY_DISABLED: '1',
    OUTBOUND_FETCH_ENABLED: 'false',
    MEILISEARCH_HOST: '',
    ...extra,
  };
}

/**
 * Starts the built app on 127.0.0.1:port and waits until /api/health answers: `next start`, or with
 * `instances` > 1 that many processes sharing the port (`npm run start:cluster`).
 */
export async function startApp(
  env: Record<string, string>,
  port: number,
  options: { readyTimeoutMs?: number; instances?: number } = {},
): Promise<RunningApp> {
  requireBuild();
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const instances = options.instances ?? 1;
  const [command, args]: [string, string[]] =
    instances > 1
      ? [
          'node',
          [
            'scripts/start-cluster.mjs',
            '--instances',
            String(instances),
            '--hostname',
            LOOPBACK,
            '--port',
            String(port),
          ],
        ]
      : ['npx', ['next', 'start', '-H', LOOPBACK, '-p', String(port)]];
  const child: ChildProcess = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let logs = '';
  child.stdout?.on('data', (d: Buffer) => (logs = (logs + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (logs = (logs + d.toString()).slice(-20_000)));
  let exited = false;
  child.on('exit', () => (exited = true));
  const baseUrl = `http://${LOOPBACK}:${port}`;
  const stop = async () => {
    if (exited || !child.pid) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const deadline = Date.now() + 10_000;
    while (!exited && Date.now() < deadline) await sleep(100);
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  };
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`next start exited before it was ready:\n${tail(logs, 15)}`);
    try {
      const r = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (r.status < 500) return { baseUrl, pid: child.pid!, logs: () => logs, stop };
    } catch {
      /* not listening yet */
    }
    await sleep(500);
  }
  await stop();
  throw new Error(`the app did not answer /api/health within ${readyTimeoutMs / 1000} s:\n${tail(logs, 15)}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Cookie jar over Set-Cookie headers (name=value only; loopback, no domain logic needed). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  absorb(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      if (i > 0) this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  has(pattern: RegExp): boolean {
    return [...this.cookies.keys()].some((k) => pattern.test(k));
  }
}

/**
 * Signs in a demo user through next-auth's demo Credentials provider: GET /api/auth/csrf, then
 * POST /api/auth/callback/demo with csrfToken and email. Returns the Cookie header carrying the session.
 */
export async function signInDemo(baseUrl: string, email: string, forwardedFor?: string): Promise<string> {
  const jar = new CookieJar();
  const xff: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`, { headers: xff });
  jar.absorb(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/demo`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header(), ...xff },
    body: new URLSearchParams({ csrfToken, email, callbackUrl: baseUrl, json: 'true' }).toString(),
  });
  jar.absorb(res);
  if (!jar.has(/session-token/)) {
    throw new Error(`demo sign-in as ${email} failed (HTTP ${res.status}): no session cookie`);
  }
  return jar.header();
}

/** The path of a non-batched tRPC GET (superjson transformer: input wrapped as {json}). */
export function trpcQueryPath(procedure: string, input: unknown): string {
  return `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
}

/** Calls a tRPC query once; returns status and parsed body. */
export async function trpcQuery(
  baseUrl: string,
  cookie: string,
  procedure: string,
  input: unknown,
): Promise<{ status: number; body: unknown }> {
  const r = await fetch(`${baseUrl}${trpcQueryPath(procedure, input)}`, { headers: { cookie } });
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: r.status, body };
}

/** True when the tRPC error says the procedure does not exist (router not wired yet). */
export function isMissingProcedure(res: { status: number; body: unknown }): boolean {
  return res.status === 404 && JSON.stringify(res.body).includes('No procedure found');
}

export interface BackgroundProcess {
  pid: number;
  logs(): string;
  exited(): boolean;
  exitCode(): number | null;
  /** Signals the whole process group (npm → sh → node) and waits for it to go. */
  kill(signal: NodeJS.Signals): Promise<void>;
  wait(timeoutMs: number): Promise<boolean>;
}

/** Starts a long-running command (an npm script) in its own process group, capturing its output. */
export function startBackground(
  command: string,
  args: string[],
  env: Record<string, string>,
): BackgroundProcess {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let logs = '';
  let done = false;
  let code: number | null = null;
  child.stdout?.on('data', (d: Buffer) => (logs = (logs + d.toString()).slice(-50_000)));
  child.stderr?.on('data', (d: Buffer) => (logs = (logs + d.toString()).slice(-50_000)));
  child.on('exit', (c) => {
    done = true;
    code = c;
  });
  const wait = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!done && Date.now() < deadline) await sleep(100);
    return done;
  };
  return {
    pid: child.pid!,
    logs: () => logs,
    exited: () => done,
    exitCode: () => code,
    wait,
    async kill(signal) {
      if (done) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        return;
      }
      if (!(await wait(15_000))) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
        await wait(5_000);
      }
    },
  };
}

/** Polls `check` until it returns true or the time runs out. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 250,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return false;
}

export interface UploadResponse {
  httpStatus: number;
  lines: Record<string, unknown>[];
  done: boolean;
  ms: number;
  error?: string;
}

/** POSTs one wallet file to /api/uploads (multipart) and reads the whole NDJSON response. */
export async function uploadFile(
  baseUrl: string,
  cookie: string,
  fileName: string,
  content: string,
  timeoutMs = 180_000,
): Promise<UploadResponse> {
  const start = Date.now();
  const form = new FormData();
  form.append('files', new Blob([content], { type: 'application/json' }), fileName);
  try {
    const res = await fetch(`${baseUrl}/api/uploads`, {
      method: 'POST',
      body: form,
      headers: { cookie },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const lines = text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          return { type: 'unparsable', text: l };
        }
      });
    return {
      httpStatus: res.status,
      lines,
      done: lines.some((l) => l.type === 'done'),
      ms: Date.now() - start,
    };
  } catch (e) {
    return {
      httpStatus: 0,
      lines: [],
      done: false,
      ms: Date.now() - start,
      error: e instanceof Error ? e.message : String(e),
    };
  }
}
