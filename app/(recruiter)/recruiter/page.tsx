import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CandidateSearch } from '@/components/search/candidate-search';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { requireRole } from '@/server/auth/guard';

export const metadata: Metadata = { title: 'Search candidates' };

export default async function RecruiterHome() {
  const { caller } = await requireRole('recruiter', 'org_admin');
  const me = await caller.account.me();
  return (
    <div>
      <PageHeader
        title="Search candidates"
        description={`Candidates discoverable to ${me.organization?.name ?? 'your organization'}, with the skills their credentials prove.`}
      />
      <Suspense fallback={<Skeleton className="h-10 w-full" />}>
        <CandidateSearch />
      </Suspense>
    </div>
  );
}
