'use client';

import { useState } from 'react';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { CredentialList } from './credential-list';
import { WalletUpload } from './wallet-upload';

/** The upload and the wallet list together: the list refetches as stored results stream in. */
export function CredentialsWorkspace() {
  const [refreshKey, setRefreshKey] = useState(0);
  const bump = () => setRefreshKey((value) => value + 1);
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader id="upload-heading" title="Add credentials" />
        <CardBody>
          <WalletUpload onStored={bump} onFinished={bump} />
        </CardBody>
      </Card>
      <section aria-labelledby="wallet-heading" className="space-y-3">
        <h2 id="wallet-heading" className="text-lg font-semibold">
          Your wallet
        </h2>
        <CredentialList refreshKey={refreshKey} />
      </section>
    </div>
  );
}
