import type { Metadata } from 'next';
import { AuditLog } from '@/components/admin/audit-log';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Audit log' };

export default function AuditPage() {
  return (
    <div>
      <PageHeader
        title="Audit log"
        description="Who in your organization viewed or exported which candidate, and membership changes."
      />
      <AuditLog />
    </div>
  );
}
