import { z } from 'zod';

export const auditListInput = z
  .object({
    candidateId: z.uuid().optional(),
    action: z
      .string()
      .max(64)
      .regex(/^[a-z_.]+$/, 'must be an action name')
      .optional(),
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .strict()
  .default({ limit: 50 });

export type AuditListInput = z.infer<typeof auditListInput>;
