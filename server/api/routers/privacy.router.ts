import { deleteMyAccountInput } from '@/server/api/schemas/privacy.schema';
import { rateLimited, roleProcedure, router } from '@/server/api/trpc';

export const privacyRouter = router({
  exportMyData: roleProcedure('candidate')
    .use(rateLimited('export'))
    .mutation(({ ctx }) => ctx.services.privacy.exportMyData(ctx.actor)),
  deleteMyAccount: roleProcedure('candidate')
    .input(deleteMyAccountInput)
    .mutation(({ ctx, input }) => ctx.services.privacy.deleteMyAccount(ctx.actor, input)),
});
