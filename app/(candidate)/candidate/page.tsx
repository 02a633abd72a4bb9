import { requireRole } from '@/server/auth/guard';

export default async function CandidateHome() {
  const { caller } = await requireRole('candidate');
  const me = await caller.account.me();
  return (
    <section className="space-y-2">
      <h1 className="text-2xl font-semibold">Welcome, {me.candidate?.displayName ?? me.name}</h1>
      <p className="text-slate-600">
        Your profile is <strong>{me.candidate?.visibility.replace('_', ' ')}</strong>.
      </p>
    </section>
  );
}
