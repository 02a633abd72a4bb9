'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

export interface NavItem {
  href: string;
  label: string;
}

/** Main navigation; the current section is marked with aria-current for screen readers and styling. */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const active = items
    .filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav
      aria-label="Main"
      className="order-last flex w-full gap-1 overflow-x-auto md:order-none md:w-auto md:flex-1"
    >
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={item.href === active ? 'page' : undefined}
          className={cn(
            'whitespace-nowrap rounded-md px-3 py-1.5 text-sm',
            item.href === active
              ? 'bg-brand-50 font-medium text-brand-700'
              : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
          )}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
