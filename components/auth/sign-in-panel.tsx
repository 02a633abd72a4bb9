'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';

export interface DemoAccount {
  email: string;
  name: string;
  roleLabel: string;
  organization: string | null;
}

export function SignInPanel({
  demoAccounts,
  ssoName,
  error,
}: {
  demoAccounts: DemoAccount[];
  ssoName: string | null;
  error: string | null;
}) {
  const [email, setEmail] = useState('');
  const [pending, setPending] = useState<string | null>(null);

  async function sendLink(event: FormEvent) {
    event.preventDefault();
    setPending('email');
    await signIn('email', { email, callbackUrl: '/' });
  }

  return (
    <div className="space-y-8">
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          Sign-in failed ({error}). Check the address and try again.
        </p>
      ) : null}
      {demoAccounts.length > 0 ? (
        <section aria-labelledby="demo-heading">
          <h2 id="demo-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            Try a demo account
          </h2>
          <ul className="mt-3 grid gap-3 sm:grid-cols-2">
            {demoAccounts.map((account) => (
              <li key={account.email}>
                <button
                  type="button"
                  disabled={pending !== null}
                  onClick={() => {
                    setPending(account.email);
                    void signIn('demo', { email: account.email, callbackUrl: '/' });
                  }}
                  className="w-full rounded-lg border border-slate-200 bg-white p-4 text-left shadow-sm transition hover:border-brand-500 hover:shadow disabled:opacity-60"
                  data-testid={`demo-sign-in-${account.email}`}
                >
                  <span className="block font-medium">{account.roleLabel}</span>
                  <span className="block text-sm text-slate-600">
                    {account.name}
                    {account.organization ? ` · ${account.organization}` : ''}
                  </span>
                  <span className="block text-xs text-slate-400">
                    {pending === account.email ? 'Signing in…' : account.email}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="email-heading">
        <h2 id="email-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          Sign in with e-mail
        </h2>
        <form onSubmit={sendLink} className="mt-3 flex flex-col gap-2 sm:flex-row">
          <label htmlFor="sign-in-email" className="sr-only">
            E-mail address
          </label>
          <input
            id="sign-in-email"
            type="email"
            required
            maxLength={254}
            autoComplete="email"
            placeholder="you@example.com"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            className="flex-1 rounded-md border border-slate-300 px-3 py-2"
          />
          <button
            type="submit"
            disabled={pending !== null}
            className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {pending === 'email' ? 'Sending…' : 'Send sign-in link'}
          </button>
        </form>
      </section>
      {ssoName ? (
        <button
          type="button"
          onClick={() => void signIn('oidc', { callbackUrl: '/' })}
          className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-50"
        >
          Continue with {ssoName}
        </button>
      ) : null}
    </div>
  );
}
