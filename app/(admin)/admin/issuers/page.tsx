import type { Metadata } from 'next';
import { TrustedIssuersPanel } from '@/components/admin/trusted-issuers-panel';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Trusted issuers' };

export default function TrustedIssuersPage() {
  return (
    <div>
      <PageHeader
        title="Trusted issuers"
        description="Issuers your organization vouches for: their credentials show a trusted-issuer check."
      />
      <TrustedIssuersPanel />
    </div>
  );
}
