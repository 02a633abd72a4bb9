import type { Metadata } from 'next';
import { CredentialList } from '@/components/credentials/credential-list';
import { WalletUpload } from '@/components/credentials/wallet-upload';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Credentials' };

export default function CredentialsPage() {
  return (
    <div className="space-y-6">
      <PageHeader
        title="Credentials"
        description="Every credential is checked: signature, issuer, dates and revocation. Only verified ones count as proof."
      />
      <Card>
        <CardHeader id="upload-heading" title="Add credentials" />
        <CardBody>
          <WalletUpload />
        </CardBody>
      </Card>
      <section aria-labelledby="wallet-heading" className="space-y-3">
        <h2 id="wallet-heading" className="text-lg font-semibold">
          Your wallet
        </h2>
        <CredentialList />
      </section>
    </div>
  );
}
