import Link from 'next/link';
import { getEnv } from '@/server/env';

export const dynamic = 'force-dynamic';

export default function CheckEmailPage() {
  const devMailbox = !getEnv().SMTP_URL && getEnv().NODE_ENV !== 'production';
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Check your e-mail</h1>
      <p className="mt-3 text-slate-600">We sent you a sign-in link. It expires in 15 minutes.</p>
      {devMailbox ? (
        <p className="mt-6 text-sm text-slate-600">
          No mail server is configured: open the{' '}
          <Link className="text-brand-600 underline" href="/dev/mailbox">
            development mailbox
          </Link>
          .
        </p>
      ) : null}
    </main>
  );
}
