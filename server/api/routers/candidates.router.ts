import { z } from 'zod';
import { audited, roleProcedure, router } from '@/server/api/trpc';

export const candidateProfileInput = z.object({ candidateId: z.uuid() });

export const candidatesRouter = router({
  /** A candidate's profile (credentials, skills with evidence) for an organization allowed to see it; audited. */
  profile: roleProcedure('recruiter', 'hiring_manager', 'org_admin')
    .input(candidateProfileInput)
    .use(audited('view', (input) => input.candidateId))
    .query(({ ctx, input }) => ctx.services.candidateProfile.profile(ctx.actor, input.candidateId)),
});
