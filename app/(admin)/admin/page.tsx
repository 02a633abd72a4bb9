import type { Metadata } from 'next';
import { MembersPanel } from '@/components/admin/members-panel';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/server/auth/guard';

export const metadata: Metadata = { title: 'Members' };

export default async function AdminHome() {
  const { caller } = await requireRole('org_admin');
  const me = await caller.account.me();
  return (
    <div>
      <PageHeader
        title={`Members of ${me.organization?.name ?? 'your organization'}`}
        description="Invite colleagues and decide what they can do."
      />
      <MembersPanel />
    </div>
  );
}
