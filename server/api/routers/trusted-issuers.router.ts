import { z } from 'zod';
import { roleProcedure, router } from '@/server/api/trpc';

const admin = roleProcedure('org_admin');

export const addTrustedIssuerInput = z.object({
  kind: z.enum(['did', 'issuer_id', 'domain']),
  value: z.string().trim().min(3).max(500),
  label: z.string().trim().max(200).optional(),
});
export const removeTrustedIssuerInput = z.object({ id: z.uuid() });

export const trustedIssuersRouter = router({
  list: admin.query(({ ctx }) => ctx.services.trustedIssuers.list(ctx.actor)),
  /** Adds an issuer by DID, issuer URL or domain; re-evaluates only the trust check of stored credentials. */
  add: admin
    .input(addTrustedIssuerInput)
    .mutation(({ ctx, input }) => ctx.services.trustedIssuers.add(ctx.actor, input)),
  remove: admin
    .input(removeTrustedIssuerInput)
    .mutation(({ ctx, input }) => ctx.services.trustedIssuers.remove(ctx.actor, input)),
});
