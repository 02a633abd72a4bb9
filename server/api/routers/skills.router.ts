import { mySkillsInput, skillDecisionInput } from '@/server/api/schemas/taxonomy.schema';
import { roleProcedure, router } from '@/server/api/trpc';

export const skillsRouter = router({
  listMine: roleProcedure('candidate')
    .input(mySkillsInput)
    .query(({ ctx, input }) => ctx.services.skillMapping.listMySkills(ctx.actor, input ?? {})),
  confirm: roleProcedure('candidate')
    .input(skillDecisionInput)
    .mutation(({ ctx, input }) => ctx.services.skillMapping.confirmSkill(ctx.actor, input.skillId)),
  reject: roleProcedure('candidate')
    .input(skillDecisionInput)
    .mutation(({ ctx, input }) => ctx.services.skillMapping.rejectSkill(ctx.actor, input.skillId)),
  clearDecision: roleProcedure('candidate')
    .input(skillDecisionInput)
    .mutation(({ ctx, input }) => ctx.services.skillMapping.clearDecision(ctx.actor, input.skillId)),
});
