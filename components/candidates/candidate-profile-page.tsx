import { TRPCError } from '@trpc/server';
import { getServerCaller } from '@/server/api/server-caller';
import { CandidateNotAvailable, CandidateProfileView } from './candidate-profile-view';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An employer's page for one candidate (recruiters from search, hiring managers from a ranking): the profile
 * if the organization may see it, else the same "not available" page whether the candidate is hidden or absent.
 */
export async function CandidateProfilePage({
  candidateId,
  backHref,
  backLabel,
}: {
  candidateId: string;
  backHref: string;
  backLabel: string;
}) {
  const back = { backHref, backLabel };
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
