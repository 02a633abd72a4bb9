import { z } from 'zod';

/** The phrase a candidate types to confirm account deletion (it cannot be undone). */
export const deleteAccountPhrase = 'delete my account';

export const deleteMyAccountInput = z
  .object({
    confirm: z
      .string()
      .max(64)
      .refine(
        (value) => value.trim().toLowerCase() === deleteAccountPhrase,
        `type "${deleteAccountPhrase}" to confirm`,
      ),
  })
  .strict();

export type DeleteMyAccountInput = z.infer<typeof deleteMyAccountInput>;
