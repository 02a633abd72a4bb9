import type { Metadata } from 'next';
import { NewJobForm } from '@/components/jobs/new-job-form';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'New job' };

export default function NewJobPage() {
  return (
    <div>
      <PageHeader title="New job" />
      <NewJobForm />
    </div>
  );
}
