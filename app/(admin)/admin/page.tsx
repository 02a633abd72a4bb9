import { requireRole } from '@/server/auth/guard';

export default async function AdminHome() {
  const { caller } = await requireRole('org_admin');
  const me = await caller.account.me();
  return (
    <section className="space-y-2">
      <h1 className="text-2xl font-semibold">{me.organization?.name}</h1>
      <p className="text-slate-600">Members, invitations, trusted issuers and the audit log.</p>
    </section>
  );
}
