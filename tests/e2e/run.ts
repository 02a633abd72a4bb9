/**
 * Browser journeys against the BUILT app (run `npm run build` first): starts `next start` on a free port with
 * a fresh database, waits for /api/health, runs each journey in Debian's chromium through playwright-core,
 * saves screenshots under tests/e2e/screenshots/, prints one line per journey and `N passed, M failed`.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import {
  chromiumArgs,
  freePort,
  freshDatabase,
  journeyContext,
  repoRoot,
  screenshotDir,
  startApp,
  waitForHealth,
  type Journey,
} from './harness';
import { candidateJourney } from './journeys/candidate.journey';
import { recruiterJourney } from './journeys/recruiter.journey';
import { hiringJourney } from './journeys/hiring.journey';

const journeys: Journey[] = [candidateJourney, recruiterJourney, hiringJourney];

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const selected = only.length > 0 ? journeys.filter((journey) => only.includes(journey.name)) : journeys;
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    console.error(
      `chromium not found at ${executablePath} (install Debian's chromium: apt-get install -y chromium)`,
    );
    console.log(`0 passed, ${selected.length} failed`);
    return 1;
  }
  if (!existsSync(path.join(repoRoot, '.next/BUILD_ID'))) {
    console.error('The app is not built: run `npm run build` first.');
    console.log(`0 passed, ${selected.length} failed`);
    return 1;
  }
  rmSync(screenshotDir, { recursive: true, force: true });
  const runId = `${Date.now().toString(36)}${process.pid}`;
  const database = await freshDatabase(runId);
  const port = await freePort();
  console.log(`e2e: starting the built app on port ${port} with ${database.describe}`);
  const app = await startApp(port, database.env);
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  let passed = 0;
  let failed = 0;
  try {
    const started = Date.now();
    await waitForHealth(app);
    console.log(`e2e: app healthy after ${((Date.now() - started) / 1000).toFixed(1)}s`);
    browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
    for (const journey of selected) {
      const contexts: BrowserContext[] = [];
      const journeyStarted = Date.now();
      try {
        await journey.run(journeyContext(browser, app.baseUrl, journey.name, contexts));
        passed += 1;
        console.log(`PASS ${journey.name} (${((Date.now() - journeyStarted) / 1000).toFixed(1)}s)`);
      } catch (error) {
        failed += 1;
        for (const context of contexts) {
          for (const page of context.pages()) {
            await page
              .screenshot({ path: path.join(screenshotDir, `${journey.name}-failure.png`), fullPage: true })
              .catch(() => undefined);
          }
        }
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        console.log(
          `FAIL ${journey.name} (${((Date.now() - journeyStarted) / 1000).toFixed(1)}s): ${message.split('\n').slice(0, 6).join('\n  ')}`,
        );
      } finally {
        for (const context of contexts) await context.close().catch(() => undefined);
      }
    }
  } catch (error) {
    failed = selected.length - passed;
    console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`--- app output (tail) ---\n${app.output().slice(-4_000)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await app.stop();
    await database
      .drop()
      .catch((error) => console.error(`e2e: could not drop the database: ${String(error)}`));
  }
  if (failed > 0 && process.env.E2E_SHOW_APP_LOG !== '0') {
    console.error(`--- app output (tail) ---\n${app.output().slice(-3_000)}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log('0 passed, 3 failed');
    process.exit(1);
  },
);
