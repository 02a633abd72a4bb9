import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const screenshotDir = path.join(repoRoot, 'tests/e2e/screenshots');

/** Chromium flags agreed for this machine kind: no sandbox (containers), no background network traffic. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface FreshDatabase {
  env: Record<string, string>;
  describe: string;
  drop(): Promise<void>;
}

/**
 * A database nobody else uses: a new PGlite folder under tests/.tmp, or — when DATABASE_URL is set — a new
 * database created on that server (dropped afterwards).
 */
export async function freshDatabase(runId: string): Promise<FreshDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const { default: postgres } = await import('postgres');
    const name = `skillgraph_e2e_${runId.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      describe: `PostgreSQL database ${name}`,
      async drop() {
        const again = postgres(serverUrl, { max: 1, onnotice: () => {} });
        try {
          await again.unsafe(`drop database if exists "${name}" with (force)`);
        } finally {
          await again.end();
        }
      },
    };
  }
  const folder = path.join(repoRoot, 'tests/.tmp', `e2e-${runId}`);
  mkdirSync(folder, { recursive: true });
  return {
    env: { PGLITE_DATA_DIR: path.join(folder, 'pglite') },
    describe: `PGlite in ${path.relative(repoRoot, folder)}`,
    async drop() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export interface RunningApp {
  baseUrl: string;
  stop(): Promise<void>;
  output(): string;
}

/** Starts the built app (`next start`) in its own process group so it can be stopped with everything it spawned. */
export async function startApp(port: number, env: Record<string, string>): Promise<RunningApp> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const nextBin = path.join(repoRoot, 'node_modules/next/dist/bin/next');
  let log = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: 'e2e-secret-only-for-the-browser-tests',
        DEMO_USERS_ENABLED: 'true',
        SEED_DEMO_DATA: 'true',
        DEMO_CANDIDATE_COUNT: process.env.E2E_DEMO_CANDIDATE_COUNT ?? '60',
        // smaller than the demo population, so the search page's estimated facet counts are exercised too
        SEARCH_FACET_SAMPLE_SIZE: '20',
        LOG_LEVEL: 'warn',
        ...env,
      },
    },
  );
  const append = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  return {
    baseUrl,
    output: () => log,
    async stop() {
      if (exited || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 8_000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}

/** Polls /api/health until the database is migrated and seeded (the first request does that). */
export async function waitForHealth(app: RunningApp, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${app.baseUrl}/api/health`, { signal: AbortSignal.timeout(60_000) });
      last = `${response.status} ${await response.text()}`;
      if (response.ok) return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `the app did not become healthy in ${timeoutMs / 1000}s (last answer: ${last.slice(0, 300)})`,
  );
}

export interface JourneyContext {
  browser: Browser;
  baseUrl: string;
  /** A new browser context (own cookies) with a phone or desktop viewport. */
  newPage(options?: { width?: number; height?: number }): Promise<{ context: BrowserContext; page: Page }>;
  /** Saves a full-page screenshot as screenshots/<journey>-<nn>-<name>.png. */
  shot(page: Page, name: string): Promise<void>;
  /** Signs in with a demo account button and waits for the role's home page. */
  signIn(page: Page, email: string, home: string): Promise<void>;
  log(message: string): void;
}

export interface Journey {
  name: string;
  run(ctx: JourneyContext): Promise<void>;
}

export function journeyContext(
  browser: Browser,
  baseUrl: string,
  journey: string,
  contexts: BrowserContext[],
): JourneyContext {
  let counter = 0;
  mkdirSync(screenshotDir, { recursive: true });
  return {
    browser,
    baseUrl,
    async newPage(options) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: options?.width ?? 1280, height: options?.height ?? 900 },
        acceptDownloads: true,
      });
      context.setDefaultTimeout(30_000);
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`  [${journey}] page error: ${error.message}`));
      return { context, page };
    },
    async shot(page, name) {
      counter += 1;
      const file = path.join(screenshotDir, `${journey}-${String(counter).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
    },
    async signIn(page, email, home) {
      await page.goto('/', { waitUntil: 'networkidle' });
      // A click that lands before React hydrated the button does nothing: retry until we navigate.
      for (let attempt = 1; ; attempt += 1) {
        await page.getByTestId(`demo-sign-in-${email}`).click();
        try {
          await page.waitForURL((url) => url.pathname.startsWith(home), {
            timeout: attempt < 3 ? 15_000 : 60_000,
          });
          break;
        } catch (error) {
          if (attempt >= 3) throw error;
          await page.goto('/', { waitUntil: 'networkidle' });
        }
      }
      await page.getByTestId('signed-in-user').waitFor();
    },
    log(message) {
      console.log(`  [${journey}] ${message}`);
    },
  };
}
