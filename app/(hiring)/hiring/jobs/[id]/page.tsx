import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { JobRanking } from '@/components/jobs/job-ranking';

export const metadata: Metadata = { title: 'Job' };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!uuid.test(id)) notFound();
  return <JobRanking jobId={id} />;
}
