import {
  inviteMemberInput,
  removeMemberInput,
  revokeInvitationInput,
  setMemberRoleInput,
} from '@/server/api/schemas/organizations.schema';
import { protectedProcedure, rateLimited, roleProcedure, router } from '@/server/api/trpc';

const admin = roleProcedure('org_admin');

export const organizationRouter = router({
  members: admin.query(({ ctx }) => ctx.services.organizations.members(ctx.actor)),
  invite: admin
    .use(rateLimited('invite'))
    .input(inviteMemberInput)
    .mutation(({ ctx, input }) => ctx.services.organizations.invite(ctx.actor, input)),
  revokeInvitation: admin
    .input(revokeInvitationInput)
    .mutation(({ ctx, input }) => ctx.services.organizations.revokeInvitation(ctx.actor, input)),
  setRole: admin
    .input(setMemberRoleInput)
    .mutation(({ ctx, input }) => ctx.services.organizations.setRole(ctx.actor, input)),
  removeMember: admin
    .input(removeMemberInput)
    .mutation(({ ctx, input }) => ctx.services.organizations.removeMember(ctx.actor, input)),
  /** Invitations addressed to the signed-in user's e-mail (accounts that existed before the invitation). */
  myInvitations: protectedProcedure.query(({ ctx }) => ctx.services.organizations.myInvitations(ctx.actor)),
  acceptInvitation: protectedProcedure
    .input(revokeInvitationInput)
    .mutation(({ ctx, input }) => ctx.services.organizations.acceptInvitation(ctx.actor, input)),
});
