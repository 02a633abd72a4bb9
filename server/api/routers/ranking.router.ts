import { z } from 'zod';
import { audited, plainJson, roleProcedure, router } from '@/server/api/trpc';

const employer = ['recruiter', 'hiring_manager', 'org_admin'] as const;

export const rankForJobInput = z.object({
  jobId: z.uuid(),
  version: z.number().int().min(1).max(100_000).optional(),
  verifiedOnly: z.boolean().default(false),
  mustHavesOnly: z.boolean().default(false),
  partialCredit: z.boolean().default(true),
  limit: z.number().int().min(1).max(200).default(20),
});

export const compareInput = z.object({
  jobId: z.uuid(),
  candidateIds: z.array(z.uuid()).min(2).max(10),
  partialCredit: z.boolean().default(true),
  verifiedOnly: z.boolean().default(false),
});

export const rankingRouter = router({
  forJob: roleProcedure(...employer)
    .input(rankForJobInput)
    // The list is plain JSON (asserted in tests/integration/ranking.test.ts): no superjson walk over it.
    .query(async ({ ctx, input }) => plainJson(await ctx.services.ranking.forJob(ctx.actor, input))),
  compare: roleProcedure(...employer)
    .use(audited('view', (input) => input.candidateIds))
    .input(compareInput)
    .query(({ ctx, input }) => ctx.services.ranking.compare(ctx.actor, input)),
  compareCsv: roleProcedure(...employer)
    .use(audited('export', (input) => input.candidateIds))
    .input(compareInput)
    .query(({ ctx, input }) => ctx.services.ranking.compareCsv(ctx.actor, input)),
  myGap: roleProcedure('candidate')
    .input(z.object({ jobId: z.uuid(), partialCredit: z.boolean().default(true) }))
    .query(({ ctx, input }) => ctx.services.ranking.myGap(ctx.actor, input)),
});
