import { z } from 'zod';
import { roleProcedure, router } from '@/server/api/trpc';

const candidate = roleProcedure('candidate');

export const credentialIdInput = z.object({ id: z.uuid() });

export const credentialsRouter = router({
  /** The signed-in candidate's credentials with their latest verification status. */
  list: candidate.query(({ ctx }) => ctx.services.credentials.list(ctx.actor)),
  /** One credential with its raw text, normalized record and every check. */
  byId: candidate
    .input(credentialIdInput)
    .query(({ ctx, input }) => ctx.services.credentials.byId(ctx.actor, input.id)),
  /** Deletes a credential and everything derived from it (skill evidence, search document). */
  delete: candidate
    .input(credentialIdInput)
    .mutation(({ ctx, input }) => ctx.services.credentials.remove(ctx.actor, input.id)),
  /** Re-checks signature, dates and revocation now. */
  reverify: candidate
    .input(credentialIdInput)
    .mutation(({ ctx, input }) => ctx.services.credentials.reverify(ctx.actor, input.id)),
});
