import { rmSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, type Journey, type JourneyContext } from '../harness';
import { buildWallet, type Wallet } from '../wallet';

const candidateEmail = 'candidate@demo.skillgraph.dev';

/** Sign in, upload a mixed wallet (one bad file), read verified/invalid results and a check's reason, set visibility. */
export const candidateJourney: Journey = {
  name: 'candidate',
  async run(ctx) {
    const walletDir = path.join(repoRoot, 'tests/.tmp', `e2e-wallet-${process.pid}`);
    try {
      await runCandidate(ctx, await buildWallet(walletDir));
    } finally {
      rmSync(walletDir, { recursive: true, force: true });
    }
  },
};

async function runCandidate(ctx: JourneyContext, wallet: Wallet): Promise<void> {
  {
    const { page } = await ctx.newPage();
    await ctx.signIn(page, candidateEmail, '/candidate');
    await ctx.shot(page, 'profile');

    // Upload through the file picker (the drop zone uses the same input).
    await page.getByRole('link', { name: 'Credentials' }).click();
    await page.waitForURL('**/candidate/credentials');
    // The wallet list shows the demo credentials first.
    await page.getByTestId('credential-list').locator('[data-testid="credential-row"]').first().waitFor();
    const before = await page.locator('[data-testid="credential-row"]').count();
    await page.locator('#wallet-files').setInputFiles(wallet.files);
    await page
      .getByTestId('upload-phase')
      .and(page.locator('[data-phase="done"], [data-phase="failed"]'))
      .waitFor({ timeout: 120_000 });
    await ctx.shot(page, 'upload-results');
    const phase = await page.getByTestId('upload-phase').getAttribute('data-phase');
    if (phase !== 'done')
      throw new Error(
        `upload ended in phase ${phase}: ${await page.getByTestId('upload-progress').innerText()}`,
      );
    const verified = await page.locator('[data-testid="upload-result"][data-status="verified"]').count();
    const notVerified = await page
      .locator('[data-testid="upload-result"]:not([data-status="verified"])')
      .count();
    ctx.log(`upload: ${verified} verified, ${notVerified} not verified`);
    if (verified < wallet.expected.verified)
      throw new Error(`expected ${wallet.expected.verified} verified results, saw ${verified}`);
    if (notVerified < wallet.expected.notVerified)
      throw new Error(`expected ${wallet.expected.notVerified} failed results, saw ${notVerified}`);
    if ((await page.locator('[data-testid="upload-result"][data-status="invalid"]').count()) < 1) {
      throw new Error('the tampered credential was not reported as invalid');
    }

    // The credentials list: open the checks of an invalid credential and read its reason.
    const list = page.getByTestId('credential-list');
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="credential-row"]').length >= count,
      before + wallet.expected.verified + 2,
    );
    const invalidRow = list.locator('[data-testid="credential-row"][data-status="invalid"]').first();
    await invalidRow.getByRole('button', { name: /invalid/i }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Signature').first().waitFor();
    await ctx.shot(page, 'credential-checks');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Visibility: only organizations I apply to.
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.waitForURL('**/candidate');
    await page.getByLabel('Only organizations I apply to').check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Saved.').waitFor();
    await page.reload();
    if (!(await page.getByLabel('Only organizations I apply to').isChecked()))
      throw new Error('visibility did not persist');
    // Back to public so the recruiter journey can find this candidate.
    await page.getByLabel('Discoverable by all employers').check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Saved.').waitFor();

    // Phone width: the profile still fits.
    const phone = await ctx.newPage({ width: 375, height: 812 });
    await ctx.signIn(phone.page, candidateEmail, '/candidate');
    await ctx.shot(phone.page, 'profile-phone');
  }
}
