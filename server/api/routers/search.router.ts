import { searchCandidatesInput } from '@/server/api/schemas/search.schema';
import { rateLimited, roleProcedure, router } from '@/server/api/trpc';

export const searchRouter = router({
  candidates: roleProcedure('recruiter', 'hiring_manager', 'org_admin')
    .use(rateLimited('search'))
    .input(searchCandidatesInput)
    .query(({ ctx, input }) => ctx.services.search.candidates(ctx.actor, input)),
});
