import { z } from 'zod';
import { roleProcedure, router } from '@/server/api/trpc';

const employer = ['recruiter', 'hiring_manager', 'org_admin'] as const;
const jobEditors = ['hiring_manager', 'org_admin', 'recruiter'] as const;

export const jobSkillInput = z.object({
  skillId: z.string().min(1).max(200),
  label: z.string().max(200).default(''),
  importance: z.number().int().min(1).max(10),
  mustHave: z.boolean().default(false),
  minLevel: z.enum(['basic', 'intermediate', 'advanced', 'expert']).nullable().default(null),
  recencyMonths: z.number().int().min(1).max(600).nullable().default(null),
  evidence: z.string().max(2000).nullable().optional(),
});

export const jobInput = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(20_000).default(''),
  location: z.string().max(200).default(''),
  skills: z.array(jobSkillInput).max(60),
});

export const createJobInput = jobInput.extend({
  skills: z.array(jobSkillInput).max(60).optional(),
  status: z.enum(['draft', 'open', 'closed']).optional(),
});

const jobId = z.object({ jobId: z.uuid() });

export const jobsRouter = router({
  proposeSkills: roleProcedure(...jobEditors)
    .input(z.object({ description: z.string().min(1).max(20_000) }))
    .mutation(({ ctx, input }) => ctx.services.jobs.proposeSkills(ctx.actor, input.description)),
  create: roleProcedure(...jobEditors)
    .input(createJobInput)
    .mutation(({ ctx, input }) => ctx.services.jobs.create(ctx.actor, input)),
  update: roleProcedure(...jobEditors)
    .input(jobInput.extend({ jobId: z.uuid() }))
    .mutation(({ ctx, input: { jobId: id, ...rest } }) => ctx.services.jobs.update(ctx.actor, id, rest)),
  setStatus: roleProcedure(...jobEditors)
    .input(jobId.extend({ status: z.enum(['draft', 'open', 'closed']) }))
    .mutation(({ ctx, input }) => ctx.services.jobs.setStatus(ctx.actor, input.jobId, input.status)),
  byId: roleProcedure(...employer, 'candidate')
    .input(jobId.extend({ version: z.number().int().min(1).max(100_000).optional() }))
    .query(({ ctx, input }) => ctx.services.jobs.get(ctx.actor, input.jobId, input.version)),
  list: roleProcedure(...employer).query(({ ctx }) => ctx.services.jobs.list(ctx.actor)),
  listOpen: roleProcedure('candidate')
    .input(z.object({ limit: z.number().int().min(1).max(100).default(50) }).default({ limit: 50 }))
    .query(({ ctx, input }) => ctx.services.jobs.listOpen(ctx.actor, input.limit)),
  applyTo: roleProcedure('candidate')
    .input(jobId)
    .mutation(({ ctx, input }) => ctx.services.jobs.apply(ctx.actor, input.jobId)),
  save: roleProcedure('candidate')
    .input(jobId)
    .mutation(({ ctx, input }) => ctx.services.jobs.save(ctx.actor, input.jobId)),
  mine: roleProcedure('candidate').query(({ ctx }) => ctx.services.jobs.myJobs(ctx.actor)),
  shortlist: roleProcedure(...employer)
    .input(jobId)
    .query(({ ctx, input }) => ctx.services.jobs.shortlist(ctx.actor, input.jobId)),
  shortlistAdd: roleProcedure(...employer)
    .input(jobId.extend({ candidateId: z.uuid(), note: z.string().max(1000).default('') }))
    .mutation(({ ctx, input }) =>
      ctx.services.jobs.shortlistAdd(ctx.actor, input.jobId, input.candidateId, input.note),
    ),
  shortlistRemove: roleProcedure(...employer)
    .input(jobId.extend({ candidateId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      ctx.services.jobs.shortlistRemove(ctx.actor, input.jobId, input.candidateId),
    ),
});
