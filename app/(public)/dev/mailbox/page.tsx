import { desc } from 'drizzle-orm';
import { notFound } from 'next/navigation';
import { devMailbox } from '@/db/schema';
import { getEnv } from '@/server/env';
import { getRuntime } from '@/server/runtime';

export const dynamic = 'force-dynamic';

/** Outside production, without SMTP, sign-in links land here instead of an inbox. */
export default async function DevMailboxPage() {
  const env = getEnv();
  if (env.NODE_ENV === 'production' || env.SMTP_URL) notFound();
  const { handle } = await getRuntime();
  const mails = await handle.db.select().from(devMailbox).orderBy(desc(devMailbox.createdAt)).limit(20);
  return (
    <main className="mx-auto max-w-3xl px-6 py-12">
      <h1 className="text-2xl font-semibold">Development mailbox</h1>
      <p className="mt-2 text-sm text-slate-600">The 20 most recent e-mails the app would have sent.</p>
      <ul className="mt-6 space-y-4">
        {mails.map((mail) => (
          <li key={mail.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <p className="text-sm text-slate-500">
              To {mail.to} · {mail.createdAt.toISOString()}
            </p>
            <p className="font-medium">{mail.subject}</p>
            {mail.url ? (
              <a className="mt-2 inline-block break-all text-brand-600 underline" href={mail.url}>
                Open sign-in link
              </a>
            ) : null}
          </li>
        ))}
        {mails.length === 0 ? <li className="text-slate-500">No e-mails yet.</li> : null}
      </ul>
    </main>
  );
}
