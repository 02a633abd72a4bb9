import { z } from 'zod';

/** Free text a person types: trimmed, bounded, no control characters. */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine(
      (value) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value),
      'must not contain control characters',
    );

export const availabilityValues = ['immediately', 'within_month', 'within_quarter', 'not_looking'] as const;
export const visibilityValues = ['public', 'applied_only', 'hidden'] as const;

export const candidateProfileInput = z
  .object({
    displayName: plainText(120).pipe(z.string().min(1, 'is required')),
    headline: plainText(200),
    location: plainText(120),
    availability: z.enum(availabilityValues),
    visibility: z.enum(visibilityValues),
  })
  .partial()
  .strict();

export type CandidateProfileInput = z.infer<typeof candidateProfileInput>;
