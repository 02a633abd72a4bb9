import type { Metadata } from 'next';
import Link from 'next/link';
import { JobsList } from '@/components/jobs/jobs-list';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/server/auth/guard';

export const metadata: Metadata = { title: 'Jobs' };

export default async function HiringHome() {
  const { caller } = await requireRole('hiring_manager', 'org_admin');
  const me = await caller.account.me();
  return (
    <div>
      <PageHeader
        title="Jobs"
        description={`Jobs of ${me.organization?.name ?? 'your organization'}, each ranked against verified candidate skills.`}
        actions={
          <Link href="/hiring/jobs/new" className={buttonClass()}>
            New job
          </Link>
        }
      />
      <JobsList />
    </div>
  );
}
