import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TrpcReactProvider } from '@/components/providers/trpc-provider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Skillgraph', template: '%s · Skillgraph' },
  description: 'Verified micro-credentials, comparable skills, and candidates ranked by skill gap.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <TrpcReactProvider>{children}</TrpcReactProvider>
      </body>
    </html>
  );
}
