import type { Metadata } from 'next';
import { CandidateProfilePage } from '@/components/candidates/candidate-profile-page';

export const metadata: Metadata = { title: 'Candidate' };
export const dynamic = 'force-dynamic';

export default async function RecruiterCandidatePage({
  params,
}: {
  params: Promise<{ candidateId: string }>;
}) {
  const { candidateId } = await params;
  return <CandidateProfilePage candidateId={candidateId} backHref="/recruiter" backLabel="Back to search" />;
}
