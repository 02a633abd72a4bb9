import { auditListInput } from '@/server/api/schemas/audit.schema';
import { roleProcedure, router } from '@/server/api/trpc';

export const auditRouter = router({
  list: roleProcedure('org_admin')
    .input(auditListInput)
    .query(({ ctx, input }) => ctx.services.audit.list(ctx.actor, input)),
  myProfileViews: roleProcedure('candidate').query(({ ctx }) => ctx.services.audit.myProfileViews(ctx.actor)),
});
