import type { Metadata } from 'next';
import { PrivacyPanel } from '@/components/candidate/privacy-panel';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Privacy' };

export default function PrivacyPage() {
  return (
    <div>
      <PageHeader
        title="Privacy"
        description="Your data is yours: see who looked, take it with you, or delete it."
      />
      <PrivacyPanel />
    </div>
  );
}
