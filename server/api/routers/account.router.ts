import { candidateProfileInput } from '@/server/api/schemas/accounts.schema';
import { protectedProcedure, roleProcedure, router } from '@/server/api/trpc';

export const accountRouter = router({
  me: protectedProcedure.query(({ ctx }) => ctx.services.accounts.me(ctx.actor)),
  updateProfile: roleProcedure('candidate')
    .input(candidateProfileInput)
    .mutation(({ ctx, input }) => ctx.services.accounts.updateCandidateProfile(ctx.actor, input)),
});
