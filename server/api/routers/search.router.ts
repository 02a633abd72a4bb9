import { searchCandidatesInput } from '@/server/api/schemas/search.schema';
import { roleProcedure, router } from '@/server/api/trpc';

export const searchRouter = router({
  candidates: roleProcedure('recruiter', 'hiring_manager', 'org_admin')
    .input(searchCandidatesInput)
    .query(({ ctx, input }) => ctx.services.search.candidates(ctx.actor, input)),
});
