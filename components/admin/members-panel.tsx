'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, ErrorMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Input, Select } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { LoadingRows } from '@/components/ui/skeleton';
import { employerRoles, roleLabels, type Role } from '@/server/domain/auth/actor';

type EmployerRole = (typeof employerRoles)[number];

/** Members with their roles, pending invitations, and the invite form. */
export function MembersPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.organization.members.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.organization.members.queryKey() });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<EmployerRole>('recruiter');
  const [notice, setNotice] = useState<string | null>(null);
  const invite = useMutation(
    trpc.organization.invite.mutationOptions({
      onSuccess: (result, input) => {
        setNotice(
          result.resent ? `Invitation to ${input.email} sent again.` : `Invitation sent to ${input.email}.`,
        );
        setEmail('');
        void refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.organization.revokeInvitation.mutationOptions({ onSuccess: () => void refresh() }),
  );
  const setMemberRole = useMutation(
    trpc.organization.setRole.mutationOptions({ onSuccess: () => void refresh() }),
  );
  const remove = useMutation(
    trpc.organization.removeMember.mutationOptions({ onSuccess: () => void refresh() }),
  );
  const [removing, setRemoving] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    invite.mutate({ email, role });
  }
  const actionError = revoke.error ?? setMemberRole.error ?? remove.error;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Invite a colleague"
          description="They get an e-mail link; signing in with it makes them a member with this role."
        />
        <CardBody>
          <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <div className="flex-1 space-y-1.5">
              <Label htmlFor="invite-email">E-mail address</Label>
              <Input
                id="invite-email"
                type="email"
                required
                maxLength={254}
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            </div>
            <div className="space-y-1.5 sm:w-52">
              <Label htmlFor="invite-role">Role</Label>
              <Select
                id="invite-role"
                value={role}
                onChange={(event) => setRole(event.target.value as EmployerRole)}
              >
                {employerRoles.map((value) => (
                  <option key={value} value={value}>
                    {roleLabels[value]}
                  </option>
                ))}
              </Select>
            </div>
            <Button type="submit" disabled={invite.isPending}>
              {invite.isPending ? 'Sending…' : 'Send invitation'}
            </Button>
          </form>
          <div aria-live="polite" className="mt-3 space-y-2">
            {notice ? <Alert tone="success">{notice}</Alert> : null}
            {invite.error ? <ErrorMessage error={invite.error} action="send the invitation" /> : null}
          </div>
        </CardBody>
      </Card>

      {actionError ? <ErrorMessage error={actionError} action="change the membership" /> : null}

      <Card>
        <CardHeader title="Members" />
        <CardBody className="p-0 sm:p-0">
          {members.isPending ? (
            <div className="p-4">
              <LoadingRows rows={3} rowClassName="h-10" label="Loading members" />
            </div>
          ) : members.error ? (
            <div className="p-4">
              <ErrorMessage error={members.error} action="load the members" />
            </div>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="members">
              {members.data.members.map((member) => (
                <li
                  key={member.userId}
                  className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:px-5"
                >
                  <div className="min-w-0 flex-1">
                    <p className="truncate font-medium">
                      {member.name ?? member.email}
                      {member.isYou ? (
                        <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>
                      ) : null}
                    </p>
                    <p className="truncate text-sm text-slate-600">{member.email}</p>
                  </div>
                  <label className="sr-only" htmlFor={`role-${member.userId}`}>
                    Role of {member.name ?? member.email}
                  </label>
                  <Select
                    id={`role-${member.userId}`}
                    className="sm:w-48"
                    value={member.role}
                    disabled={member.isYou || setMemberRole.isPending}
                    onChange={(event) =>
                      setMemberRole.mutate({
                        userId: member.userId,
                        role: event.target.value as EmployerRole,
                      })
                    }
                  >
                    {employerRoles.map((value) => (
                      <option key={value} value={value}>
                        {roleLabels[value]}
                      </option>
                    ))}
                  </Select>
                  {member.isYou ? (
                    <span className="w-28" />
                  ) : removing === member.userId ? (
                    <span className="flex gap-1">
                      <Button
                        size="sm"
                        variant="danger"
                        disabled={remove.isPending}
                        onClick={() => remove.mutate({ userId: member.userId })}
                      >
                        Remove
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setRemoving(null)}>
                        Cancel
                      </Button>
                    </span>
                  ) : (
                    <Button
                      size="sm"
                      variant="ghost"
                      className="w-28 text-red-700"
                      onClick={() => setRemoving(member.userId)}
                    >
                      Remove…
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>

      {members.data && members.data.invitations.length > 0 ? (
        <Card>
          <CardHeader title="Pending invitations" />
          <CardBody className="p-0 sm:p-0">
            <ul className="divide-y divide-slate-100">
              {members.data.invitations.map((invitation) => (
                <li key={invitation.id} className="flex flex-wrap items-center gap-3 px-4 py-3 sm:px-5">
                  <span className="min-w-0 flex-1 truncate">{invitation.email}</span>
                  <Badge tone="info">{roleLabels[invitation.role as Role]}</Badge>
                  <span className="text-xs text-slate-500">
                    {new Date(invitation.createdAt).toLocaleDateString('en-GB')}
                  </span>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate({ invitationId: invitation.id })}
                    aria-label={`Revoke the invitation to ${invitation.email}`}
                  >
                    Revoke
                  </Button>
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
