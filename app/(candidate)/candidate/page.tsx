import type { Metadata } from 'next';
import { ProfileForm } from '@/components/candidate/profile-form';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/server/auth/guard';

export const metadata: Metadata = { title: 'Profile' };

export default async function CandidateHome() {
  const { caller } = await requireRole('candidate');
  const me = await caller.account.me();
  const candidate = me.candidate;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Welcome, ${candidate?.displayName ?? me.name ?? 'there'}`}
        description="Your profile is what employers see next to your verified skills."
      />
      <Card>
        <CardHeader id="profile-heading" title="Profile and visibility" />
        <CardBody>
          {candidate ? (
            <ProfileForm
              initial={{
                displayName: candidate.displayName,
                headline: candidate.headline,
                location: candidate.location,
                availability: candidate.availability,
                visibility: candidate.visibility,
              }}
            />
          ) : (
            <p className="text-slate-600">Your candidate profile is missing; sign out and in again.</p>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
