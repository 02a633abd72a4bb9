import type { Metadata } from 'next';
import { TRPCError } from '@trpc/server';
import { CandidateNotAvailable, CandidateProfileView } from '@/components/candidates/candidate-profile-view';
import { getServerCaller } from '@/server/api/server-caller';

export const metadata: Metadata = { title: 'Candidate' };
export const dynamic = 'force-dynamic';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const back = { backHref: '/hiring', backLabel: 'Back to your jobs' };

export default async function HiringCandidatePage({ params }: { params: Promise<{ candidateId: string }> }) {
  const { candidateId } = await params;
  if (!uuid.test(candidateId)) return <CandidateNotAvailable {...back} />;
  const { caller } = await getServerCaller();
  const profile = await caller.candidates.profile({ candidateId }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!profile) return <CandidateNotAvailable {...back} />;
  const jobs = (await caller.jobs.list())
    .filter((job) => job.status !== 'closed')
    .map((job) => ({ jobId: job.jobId, title: job.title }));
  return <CandidateProfileView profile={profile} jobs={jobs} {...back} />;
}
