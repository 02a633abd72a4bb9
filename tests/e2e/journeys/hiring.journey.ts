import { readFileSync } from 'node:fs';
import type { Journey } from '../harness';

const description = `Data Platform Engineer

We are looking for a Data Platform Engineer to own our analytics pipelines.

You will build batch and streaming ETL pipelines with Apache Spark, write Python and SQL every day, and run
workloads on AWS.

Required: Python, SQL and Apache Spark. You must be comfortable with data analysis in pandas.
Preferred: statistics, machine learning, PostgreSQL performance tuning.
Bonus: Terraform.`;

/** Paste a job description, edit the extracted skills, save, read the ranked list, compare, export CSV. */
export const hiringJourney: Journey = {
  name: 'hiring',
  async run(ctx) {
    const { page } = await ctx.newPage();
    await ctx.signIn(page, 'hiring@demo.skillgraph.dev', '/hiring');
    await ctx.shot(page, 'jobs');

    await page.getByRole('link', { name: 'New job' }).click();
    await page.waitForURL('**/hiring/jobs/new');
    await page.getByLabel('Job title').fill('Data Platform Engineer');
    await page.getByLabel('Location').fill('Remote (EU)');
    await page.getByLabel('Job description').fill(description);
    await page.getByRole('button', { name: 'Find skills' }).click();
    const rows = page.getByTestId('job-skill');
    await rows.first().waitFor();
    const extracted = await rows.count();
    ctx.log(`${extracted} skills extracted`);
    if (extracted < 3) throw new Error(`only ${extracted} skills were extracted from the description`);
    const extractedLabels = await page.getByTestId('job-skill').locator('p.font-medium').allInnerTexts();
    ctx.log(`extracted: ${extractedLabels.join(', ')}`);

    // Edit: heavier first skill, the last one becomes a must-have, remove one, add one from the taxonomy.
    await rows.first().locator('input[type="range"]').fill('10');
    await rows.last().getByRole('checkbox').check();
    const removed = extractedLabels[extractedLabels.length - 1]!;
    await page.getByRole('button', { name: `Remove ${removed}` }).click();
    await page.getByRole('combobox', { name: 'Add a skill' }).fill('docker');
    await page.getByRole('listbox').getByRole('option').first().waitFor();
    await page.getByRole('listbox').getByRole('option').first().click();
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="job-skill"]').length === count,
      extracted,
    );
    await ctx.shot(page, 'skills-edited');

    await page.getByRole('button', { name: 'Save job' }).click();
    await page.waitForURL(/\/hiring\/jobs\/[0-9a-f-]{36}$/);
    await page.getByTestId('job-title').waitFor();
    const ranked = page.getByTestId('ranked-candidate');
    await ranked.first().waitFor({ timeout: 60_000 });
    const rankedCount = await ranked.count();
    ctx.log(`${rankedCount} candidates ranked`);
    if (rankedCount < 3) throw new Error(`only ${rankedCount} candidates were ranked`);
    await ctx.shot(page, 'ranked');

    // The first page holds 20; more are loaded on request.
    const more = page.getByRole('button', { name: 'Show 20 more' });
    if (rankedCount === 20 && (await more.isVisible())) {
      await more.click();
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="ranked-candidate"]').length > 20,
      );
      ctx.log(`${await ranked.count()} candidates after "Show 20 more"`);
    }

    // The gap explanation names what is missing and, where known, the credentials that certify it.
    const explain = page.getByRole('button', { name: /^Explain the gap/ }).first();
    await explain.click();
    const gapList = page.locator('[data-testid="ranked-candidate"] ul.space-y-1').first();
    await gapList.waitFor();
    const gapText = await gapList.innerText();
    if (!/missing|partly covered/.test(gapText)) throw new Error(`gap explanation reads: ${gapText}`);
    ctx.log(`gap explained: ${gapText.split('\n')[0]}`);
    await ctx.shot(page, 'gap-explained');
    await page.getByRole('button', { name: 'Hide the gap' }).click();

    // A filter changes the list without breaking it.
    await page.getByLabel('Verified credentials only').check();
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="ranked-list"][aria-busy="true"]'),
    );
    await ctx.shot(page, 'ranked-verified-only');
    await page.getByLabel('Verified credentials only').uncheck();
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="ranked-list"][aria-busy="true"]'),
    );

    // Shortlist the top three and compare them.
    for (let index = 0; index < 3; index += 1) {
      await ranked.nth(index).getByRole('button', { name: 'Shortlist' }).click();
      await ranked.nth(index).getByRole('button', { name: '★ Shortlisted' }).waitFor();
    }
    await page.getByRole('link', { name: /Compare shortlist \(3\)/ }).click();
    await page.waitForURL(/\/compare$/);
    const cells = page.getByTestId('heatmap-cell');
    await cells.first().waitFor({ timeout: 60_000 });
    await ctx.shot(page, 'heatmap');
    const covered = page.locator('[data-testid="heatmap-cell"]:not([data-status="missing"])').first();
    await covered.click();
    await page.getByTestId('cell-evidence').waitFor();
    await ctx.shot(page, 'heatmap-evidence');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const file = await download.path();
    const csv = readFileSync(file, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    ctx.log(`CSV ${download.suggestedFilename()}: ${lines.length} lines`);
    if (!download.suggestedFilename().endsWith('.csv'))
      throw new Error(`the export is named ${download.suggestedFilename()}`);
    if (lines.length < 3) throw new Error(`the CSV has only ${lines.length} lines`);

    const phone = await ctx.newPage({ width: 375, height: 812 });
    await ctx.signIn(phone.page, 'hiring@demo.skillgraph.dev', '/hiring');
    await phone.page.goto(page.url());
    await phone.page.getByTestId('heatmap-cell').first().waitFor({ timeout: 60_000 });
    await ctx.shot(phone.page, 'heatmap-phone');
  },
};
