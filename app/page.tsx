import { redirect } from 'next/navigation';
import { SignInPanel } from '@/components/auth/sign-in-panel';
import { demoOrganizations, demoUsers } from '@/db/seed/demo-users';
import { getServerCaller } from '@/server/api/server-caller';
import { roleHome, roleLabels } from '@/server/domain/auth/actor';
import { demoUsersEnabled, getEnv } from '@/server/env';

export const dynamic = 'force-dynamic';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { actor } = await getServerCaller();
  if (actor) redirect(roleHome[actor.role]);
  const env = getEnv();
  const { error } = await searchParams;
  const demoAccounts = demoUsersEnabled(env)
    ? demoUsers.map((user) => ({
        email: user.email,
        name: user.name,
        roleLabel: roleLabels[user.role],
        organization: demoOrganizations.find((org) => org.slug === user.organizationSlug)?.name ?? null,
      }))
    : [];
  return (
    <main className="mx-auto flex min-h-screen max-w-4xl flex-col justify-center gap-10 px-6 py-12">
      <header className="space-y-3">
        <p className="text-sm font-semibold uppercase tracking-widest text-brand-600">Skillgraph</p>
        <h1 className="text-4xl font-bold tracking-tight">Hire on verified skills.</h1>
        <p className="max-w-2xl text-lg text-slate-600">
          Candidates bring their badges and credentials; we check every signature, map each credential to a
          skills taxonomy, and rank candidates against your job by exactly which skills they cover.
        </p>
      </header>
      <SignInPanel
        demoAccounts={demoAccounts}
        ssoName={env.OIDC_ISSUER ? env.OIDC_NAME : null}
        error={typeof error === 'string' ? error.slice(0, 60) : null}
      />
      <footer className="text-xs text-slate-500">
        This service uses the ESCO classification of the European Commission.
      </footer>
    </main>
  );
}
