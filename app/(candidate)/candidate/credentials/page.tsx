import type { Metadata } from 'next';
import { CredentialsWorkspace } from '@/components/credentials/credentials-workspace';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Credentials' };

export default function CredentialsPage() {
  return (
    <div>
      <PageHeader
        title="Credentials"
        description="Every credential is checked: signature, issuer, dates and revocation. Only verified ones count as proof."
      />
      <CredentialsWorkspace />
    </div>
  );
}
