import {
  extractJobSkillsInput,
  occupationProfileInput,
  occupationSearchInput,
  skillDetailInput,
  skillSearchInput,
} from '@/server/api/schemas/taxonomy.schema';
import { protectedProcedure, roleProcedure, router } from '@/server/api/trpc';

export const taxonomyRouter = router({
  searchSkills: protectedProcedure
    .input(skillSearchInput)
    .query(({ ctx, input }) => ctx.services.taxonomy.searchSkills(ctx.actor, input)),
  skillDetail: protectedProcedure
    .input(skillDetailInput)
    .query(({ ctx, input }) => ctx.services.taxonomy.skillDetail(ctx.actor, input)),
  searchOccupations: protectedProcedure
    .input(occupationSearchInput)
    .query(({ ctx, input }) => ctx.services.taxonomy.searchOccupations(ctx.actor, input)),
  occupationProfile: protectedProcedure
    .input(occupationProfileInput)
    .query(({ ctx, input }) => ctx.services.taxonomy.occupationProfile(ctx.actor, input)),
  extractJobSkills: roleProcedure('recruiter', 'hiring_manager', 'org_admin')
    .input(extractJobSkillsInput)
    .mutation(({ ctx, input }) => ctx.services.taxonomy.extractJobSkills(ctx.actor, input)),
});
