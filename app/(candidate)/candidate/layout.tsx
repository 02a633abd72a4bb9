import type { ReactNode } from 'react';
import { AppShell } from '@/components/layout/app-shell';
import { requireRole } from '@/server/auth/guard';

export const dynamic = 'force-dynamic';

export default async function Layout({ children }: { children: ReactNode }) {
  const { caller } = await requireRole('candidate');
  const me = await caller.account.me();
  const userLabel = [me.name ?? me.email, me.organization?.name].filter(Boolean).join(' · ');
  return (
    <AppShell
      title="Candidate"
      userLabel={userLabel}
      nav={[
        { href: '/candidate', label: 'Profile' },
        { href: '/candidate/credentials', label: 'Credentials' },
        { href: '/candidate/skills', label: 'Skills' },
        { href: '/candidate/jobs', label: 'Jobs' },
        { href: '/candidate/privacy', label: 'Privacy' },
      ]}
    >
      {children}
    </AppShell>
  );
}
