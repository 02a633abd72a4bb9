import type { ReactNode } from 'react';
import { AppShell } from '@/components/layout/app-shell';
import { requireRole } from '@/server/auth/guard';

export const dynamic = 'force-dynamic';

export default async function Layout({ children }: { children: ReactNode }) {
  const { caller } = await requireRole('recruiter', 'org_admin');
  const me = await caller.account.me();
  const userLabel = [me.name ?? me.email, me.organization?.name].filter(Boolean).join(' · ');
  return (
    <AppShell
      title="Recruiter"
      userLabel={userLabel}
      nav={[{ href: '/recruiter', label: 'Search candidates' }]}
    >
      {children}
    </AppShell>
  );
}
