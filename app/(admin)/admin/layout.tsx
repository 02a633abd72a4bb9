import type { ReactNode } from 'react';
import { AppShell } from '@/components/layout/app-shell';
import { requireRole } from '@/server/auth/guard';

export const dynamic = 'force-dynamic';

export default async function Layout({ children }: { children: ReactNode }) {
  const { caller } = await requireRole('org_admin');
  const me = await caller.account.me();
  const userLabel = [me.name ?? me.email, me.organization?.name].filter(Boolean).join(' · ');
  return (
    <AppShell
      title="Organization admin"
      userLabel={userLabel}
      nav={[
        { href: '/admin', label: 'Members' },
        { href: '/admin/issuers', label: 'Trusted issuers' },
        { href: '/admin/audit', label: 'Audit log' },
        { href: '/recruiter', label: 'Search' },
        { href: '/hiring', label: 'Jobs' },
      ]}
    >
      {children}
    </AppShell>
  );
}
