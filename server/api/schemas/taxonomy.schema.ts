import { z } from 'zod';

const skillId = z
  .string()
  .trim()
  .min(3)
  .max(200)
  .regex(/^[a-z][a-z0-9-]*:[^\s]+$/, 'Not a skill id');

export const skillSearchInput = z
  .object({
    query: z.string().trim().min(1).max(100),
    limit: z.number().int().min(1).max(50).optional(),
    frameworks: z.array(z.string().trim().min(1).max(40)).max(5).optional(),
  })
  .strict();

export const skillDetailInput = z
  .object({ skillId, steps: z.number().int().min(1).max(3).optional() })
  .strict();

export const occupationSearchInput = z
  .object({ query: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(50).optional() })
  .strict();

export const occupationProfileInput = z.object({ occupationId: z.string().trim().min(3).max(200) }).strict();

export const extractJobSkillsInput = z.object({ text: z.string().min(1).max(50_000) }).strict();

export const skillDecisionInput = z.object({ skillId }).strict();

export const mySkillsInput = z.object({ includeRejected: z.boolean().optional() }).strict().optional();

export type ExtractJobSkillsInput = z.infer<typeof extractJobSkillsInput>;
