import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { JobComparison } from '@/components/jobs/job-comparison';

export const metadata: Metadata = { title: 'Compare candidates' };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ComparePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!uuid.test(id)) notFound();
  return <JobComparison jobId={id} />;
}
