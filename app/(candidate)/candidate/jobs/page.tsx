import type { Metadata } from 'next';
import { MyJobs } from '@/components/candidate/my-jobs';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Jobs' };

export default function CandidateJobsPage() {
  return (
    <div>
      <PageHeader
        title="Jobs"
        description="Apply to jobs and see exactly which of their skills your credentials prove."
      />
      <MyJobs />
    </div>
  );
}
