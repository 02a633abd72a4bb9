import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { VerificationBadge } from '@/components/credentials/verification-badge';
import { ShortlistControl } from '@/components/search/shortlist-control';
import type { AppRouter } from '@/server/api/root';
import { SkillEvidenceItem } from '@/components/skills/skill-evidence';

export type CandidateProfileData = inferRouterOutputs<AppRouter>['candidates']['profile'];

const availabilityText: Record<string, string> = {
  immediately: 'Available immediately',
  within_month: 'Available within a month',
  within_quarter: 'Available within three months',
  not_looking: 'Not looking',
};

const keyBindingText: Record<string, string> = {
  confirmed: 'Issuer key confirmed',
  unconfirmed: 'Issuer key not confirmed',
  none: 'No issuer key binding',
};

const formatText: Record<string, string> = {
  ob2: 'Open Badges 2.0',
  ob3: 'Open Badges 3.0',
  vc: 'Verifiable credential',
  'vc-jwt': 'VC-JWT',
  clr: 'CLR 2.0',
};

function formatDate(value: Date | string | null): string {
  if (!value) return '—';
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime())
    ? '—'
    : date.toLocaleDateString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** Shown instead of a profile the organization may not see (hidden, not applied, or no such candidate). */
export function CandidateNotAvailable({ backHref, backLabel }: { backHref: string; backLabel: string }) {
  return (
    <EmptyState title="This candidate is not available">
      <p>
        The profile does not exist, or the candidate does not share it with your organization.{' '}
        <Link href={backHref} className="text-brand-700 hover:underline">
          {backLabel}
        </Link>
      </p>
    </EmptyState>
  );
}

/**
 * A candidate's profile for employers: who they are, every credential with its verification facts and
 * whether your organization trusts the issuer, and each skill with the credential text that supports it.
 */
export function CandidateProfileView({
  profile,
  jobs,
  backHref,
  backLabel,
}: {
  profile: CandidateProfileData;
  jobs: { jobId: string; title: string }[];
  backHref: string;
  backLabel: string;
}) {
  const verifiedCredentials = profile.credentials.filter((c) => c.status === 'verified').length;
  const verifiedSkills = profile.skills.filter((s) => s.verified).length;
  const credentialName = new Map(profile.credentials.map((c) => [c.id, c.achievementName]));
  return (
    <div className="space-y-6" data-testid="candidate-profile">
      <p className="text-sm">
        <Link href={backHref} className="text-brand-700 hover:underline">
          ← {backLabel}
        </Link>
      </p>
      <PageHeader
        title={profile.displayName}
        description={
          <>
            {profile.headline ? <span className="block">{profile.headline}</span> : null}
            <span className="block text-sm text-slate-500">
              {profile.location || 'Location not given'} ·{' '}
              {availabilityText[profile.availability] ?? profile.availability}
            </span>
          </>
        }
      />

      <Card>
        <CardHeader
          title="Shortlist"
          description={
            jobs.length > 0
              ? 'Add this candidate to the shortlist of one of your organization’s open jobs.'
              : 'Your organization has no open job to shortlist for yet.'
          }
        />
        {jobs.length > 0 ? (
          <CardBody>
            <ShortlistControl candidateId={profile.id} candidateName={profile.displayName} jobs={jobs} />
          </CardBody>
        ) : null}
      </Card>

      <Card>
        <CardHeader
          id="skills-heading"
          title="Skills"
          description={`${profile.skills.length} skill${profile.skills.length === 1 ? '' : 's'}, ${verifiedSkills} backed by a verified credential.`}
        />
        <CardBody>
          {profile.skills.length === 0 ? (
            <p className="text-sm text-slate-600">
              No skills have been mapped from this candidate’s credentials.
            </p>
          ) : (
            <ul
              className="divide-y divide-slate-100"
              aria-labelledby="skills-heading"
              data-testid="profile-skills"
            >
              {profile.skills.map((skill) => (
                <li key={skill.skillId} className="py-3 first:pt-0 last:pb-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-900">{skill.label}</span>
                    <Badge
                      tone={skill.verified ? 'success' : 'warning'}
                      title={
                        skill.verified
                          ? 'Backed by a verified credential'
                          : 'Not backed by a verified credential'
                      }
                    >
                      <span aria-hidden="true">{skill.verified ? '✓' : '○'}</span>
                      {skill.verified ? 'Verified' : 'Not verified'}
                    </Badge>
                    {skill.state === 'confirmed' ? (
                      <Badge tone="info">Confirmed by the candidate</Badge>
                    ) : null}
                    <span className="text-xs tabular-nums text-slate-500">
                      {Math.round(skill.confidence * 100)}% confidence
                    </span>
                  </div>
                  <details className="mt-1 text-sm">
                    <summary className="cursor-pointer text-brand-700">
                      Evidence ({skill.evidence.length})
                    </summary>
                    <ul className="mt-2 space-y-1.5">
                      {skill.evidence.map((evidence, index) => (
                        <SkillEvidenceItem
                          key={index}
                          span={evidence.span}
                          source={
                            evidence.credential
                              ? `${credentialName.get(evidence.credential.id) ?? evidence.credential.achievementName} (${evidence.credential.status.replace(/_/g, ' ')})`
                              : null
                          }
                          field={evidence.field}
                          method={evidence.method}
                          confidence={evidence.confidence}
                        />
                      ))}
                    </ul>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          id="credentials-heading"
          title="Credentials"
          description={`${profile.credentials.length} credential${profile.credentials.length === 1 ? '' : 's'}, ${verifiedCredentials} verified.`}
        />
        <CardBody>
          {profile.credentials.length === 0 ? (
            <p className="text-sm text-slate-600">This candidate has not uploaded any credential.</p>
          ) : (
            <ul
              className="divide-y divide-slate-100"
              aria-labelledby="credentials-heading"
              data-testid="profile-credentials"
            >
              {profile.credentials.map((credential) => (
                <li key={credential.id} className="py-3 first:pt-0 last:pb-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-900">{credential.achievementName}</span>
                    <VerificationBadge status={credential.status} />
                    {credential.issuerTrustedByYourOrganization ? (
                      <Badge tone="brand" title="The issuer is on your organization’s trusted-issuer list">
                        <span aria-hidden="true">★</span>Trusted issuer
                      </Badge>
                    ) : (
                      <Badge
                        tone="neutral"
                        title="The issuer is not on your organization’s trusted-issuer list"
                      >
                        Issuer not on your trusted list
                      </Badge>
                    )}
                  </div>
                  <dl className="mt-1 grid gap-x-6 gap-y-0.5 text-xs text-slate-600 sm:grid-cols-2">
                    <div>
                      <dt className="inline font-medium">Issuer: </dt>
                      <dd className="inline break-all">
                        {credential.issuerName ?? 'Unnamed issuer'}
                        {credential.issuerId ? ` (${credential.issuerId})` : ''}
                      </dd>
                    </div>
                    <div>
                      <dt className="inline font-medium">Issued: </dt>
                      <dd className="inline">{formatDate(credential.issuedAt)}</dd>
                      {credential.validUntil ? (
                        <>
                          {' · '}
                          <dt className="inline font-medium">Valid until: </dt>
                          <dd className="inline">{formatDate(credential.validUntil)}</dd>
                        </>
                      ) : null}
                    </div>
                    <div>
                      <dt className="inline font-medium">Key binding: </dt>
                      <dd className="inline">
                        {keyBindingText[credential.keyBinding] ?? credential.keyBinding}
                      </dd>
                    </div>
                    <div>
                      <dt className="inline font-medium">Format: </dt>
                      <dd className="inline">
                        {formatText[credential.format] ?? credential.format} · checked{' '}
                        {formatDate(credential.verifiedAt)}
                        {credential.parentCredentialId
                          ? ` · part of ${credentialName.get(credential.parentCredentialId) ?? 'another credential'}`
                          : ''}
                      </dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
