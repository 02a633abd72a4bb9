import Link from 'next/link';
import type { ReactNode } from 'react';
import { NavLinks, type NavItem } from './nav-links';
import { SignOutButton } from './sign-out-button';

export type { NavItem } from './nav-links';

export function AppShell({
  title,
  nav,
  userLabel,
  children,
}: {
  title: string;
  nav: NavItem[];
  userLabel: string;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="font-semibold text-brand-700">
            Skillgraph
          </Link>
          <span className="text-sm text-slate-500">{title}</span>
          <NavLinks items={nav} />
          <div className="ml-auto flex min-w-0 items-center gap-2 md:ml-0">
            <span className="truncate text-sm text-slate-600" data-testid="signed-in-user">
              {userLabel}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
