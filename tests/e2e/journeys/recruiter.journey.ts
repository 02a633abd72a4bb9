import type { Page } from 'playwright-core';
import type { Journey } from '../harness';

async function resultCount(page: Page): Promise<number> {
  const text = await page.getByTestId('result-count').innerText();
  const match = /^([\d,]+)\+? candidate/.exec(text.trim());
  return match ? Number(match[1].replace(/,/g, '')) : -1;
}

/** Search with a typo, apply a facet, shortlist a candidate, open their profile, see the empty state. */
export const recruiterJourney: Journey = {
  name: 'recruiter',
  async run(ctx) {
    const { page } = await ctx.newPage();
    await ctx.signIn(page, 'recruiter@demo.skillgraph.dev', '/recruiter');
    await page.getByTestId('search-hit').first().waitFor();
    const everyone = await resultCount(page);
    ctx.log(`${everyone} candidates before searching`);
    // more candidates than the facet sample (20 in these tests): the counts are marked as estimates
    const estimate = await page
      .locator('[data-facet="availability"] [data-testid="facet-count"]')
      .first()
      .innerText();
    if (!estimate.startsWith('≈'))
      throw new Error(`the availability facet count "${estimate}" is not marked ≈`);
    await ctx.shot(page, 'search-opened');

    // A typo: "pyhton" must still find Python people, with the matched skill highlighted.
    await page.getByLabel('Search candidates').fill('pyhton');
    await page.waitForURL(/q=pyhton/);
    await page.locator('[data-testid="matched-skills"] mark').first().waitFor();
    const mark = (
      await page.locator('[data-testid="matched-skills"] mark').first().innerText()
    ).toLowerCase();
    if (!mark.includes('pyth')) throw new Error(`the highlight is "${mark}", not Python`);
    const typoCount = await resultCount(page);
    if (typoCount < 1 || typoCount >= everyone)
      throw new Error(`the typo search returned ${typoCount} of ${everyone}`);
    await ctx.shot(page, 'typo-search');

    // A facet: only candidates with a verified credential; the count must not grow.
    const verifiedFacet = page.locator('[data-facet="credentialStatuses"]').getByLabel(/Verified/);
    await verifiedFacet.click();
    await page.waitForURL(/status=verified/);
    await page.getByRole('button', { name: /Remove filter Verification: Verified/ }).waitFor();
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    const faceted = await resultCount(page);
    if (faceted < 1 || faceted > typoCount) throw new Error(`the facet left ${faceted} of ${typoCount}`);
    await ctx.shot(page, 'facet');

    // Shortlist the first hit for one of the organization's jobs.
    const firstHit = page.getByTestId('search-hit').first();
    await firstHit.getByRole('button', { name: /Add .* to the shortlist/ }).click();
    await firstHit.getByText(/Shortlisted for/).waitFor();
    await ctx.shot(page, 'shortlisted');

    // Open that candidate's profile: verified credentials and skills with their evidence.
    const name = (await firstHit.getByRole('link').first().innerText()).trim();
    await firstHit.getByRole('link', { name }).click();
    await page.getByTestId('candidate-profile').waitFor();
    await page.getByRole('heading', { name }).first().waitFor();
    await page
      .getByTestId('profile-credentials')
      .getByText(/Verified/)
      .first()
      .waitFor();
    await page.getByTestId('profile-skills').getByText('Python', { exact: true }).first().waitFor();
    await ctx.shot(page, 'profile');
    await page.goBack();
    await page.getByTestId('search-hit').first().waitFor();

    // An empty result explains itself.
    await page.getByLabel('Search candidates').fill('zzqxj unobtainium');
    await page.getByText('No candidates match').waitFor();
    await ctx.shot(page, 'empty');

    // Phone width.
    const phone = await ctx.newPage({ width: 375, height: 812 });
    await ctx.signIn(phone.page, 'recruiter@demo.skillgraph.dev', '/recruiter');
    await phone.page.getByTestId('search-hit').first().waitFor();
    await ctx.shot(phone.page, 'search-phone');
  },
};
