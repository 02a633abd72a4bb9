import { requireRole } from '@/server/auth/guard';

export default async function RecruiterHome() {
  const { caller } = await requireRole('recruiter', 'org_admin');
  const me = await caller.account.me();
  return (
    <section className="space-y-2">
      <h1 className="text-2xl font-semibold">Search candidates</h1>
      <p className="text-slate-600">Candidates discoverable to {me.organization?.name}.</p>
    </section>
  );
}
