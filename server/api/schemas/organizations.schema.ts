import { z } from 'zod';
import { employerRoles } from '@/server/domain/auth/actor';

/** Roles an org admin can give: the employer roles (candidates are never members of an organization). */
export const memberRoleInput = z.enum(employerRoles);

export const inviteMemberInput = z
  .object({
    email: z
      .string()
      .trim()
      .max(254)
      .pipe(z.email('must be an e-mail address'))
      .transform((email) => email.toLowerCase()),
    role: memberRoleInput,
  })
  .strict();

/** next-auth user ids are text (UUIDs for users created here; providers may give other ids). */
const userId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:@-]+$/, 'must be a user id');

export const setMemberRoleInput = z.object({ userId, role: memberRoleInput }).strict();
export const removeMemberInput = z.object({ userId }).strict();
export const revokeInvitationInput = z.object({ invitationId: z.uuid() }).strict();

export type InviteMemberInput = z.infer<typeof inviteMemberInput>;
export type SetMemberRoleInput = z.infer<typeof setMemberRoleInput>;
export type RemoveMemberInput = z.infer<typeof removeMemberInput>;
export type RevokeInvitationInput = z.infer<typeof revokeInvitationInput>;
