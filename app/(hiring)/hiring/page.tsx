import { requireRole } from '@/server/auth/guard';

export default async function HiringHome() {
  const { caller } = await requireRole('hiring_manager', 'org_admin');
  const me = await caller.account.me();
  return (
    <section className="space-y-2">
      <h1 className="text-2xl font-semibold">Jobs</h1>
      <p className="text-slate-600">Jobs of {me.organization?.name}.</p>
    </section>
  );
}
