import type { Journey } from '../harness';

/** Paste a job description, edit the extracted skills, save, read the ranked list, compare, export CSV. */
export const hiringJourney: Journey = {
  name: 'hiring',
  async run(ctx) {
    const { page } = await ctx.newPage();
    await ctx.signIn(page, 'hiring@demo.skillgraph.dev', '/hiring');
    await ctx.shot(page, 'jobs');
    throw new Error('the jobs and ranking routers are not available yet');
  },
};
