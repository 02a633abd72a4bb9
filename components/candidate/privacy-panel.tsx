'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, ErrorMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { LoadingRows } from '@/components/ui/skeleton';
import { deleteAccountPhrase } from '@/server/api/schemas/privacy.schema';

function download(name: string, content: string, type: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Who looked at my profile, export everything as JSON, delete my account and everything derived from it. */
export function PrivacyPanel() {
  const trpc = useTRPC();
  const views = useQuery(trpc.audit.myProfileViews.queryOptions());
  const exportData = useMutation(
    trpc.privacy.exportMyData.mutationOptions({
      onSuccess: (data) =>
        download(
          `skillgraph-export-${new Date().toISOString().slice(0, 10)}.json`,
          JSON.stringify(data, null, 2),
          'application/json',
        ),
    }),
  );
  const [confirm, setConfirm] = useState('');
  const remove = useMutation(
    trpc.privacy.deleteMyAccount.mutationOptions({ onSuccess: () => void signOut({ callbackUrl: '/' }) }),
  );
  function submitDelete(event: FormEvent) {
    event.preventDefault();
    remove.mutate({ confirm });
  }
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Who viewed my profile"
          description="Organizations that opened or exported your profile."
        />
        <CardBody>
          {views.isPending ? (
            <LoadingRows rows={2} label="Loading profile views" rowClassName="h-8" />
          ) : views.error ? (
            <ErrorMessage error={views.error} action="load your profile views" />
          ) : views.data.length === 0 ? (
            <p className="text-sm text-slate-600">No organization has opened your profile yet.</p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-1 font-medium">Organization</th>
                  <th className="py-1 text-right font-medium">Views</th>
                  <th className="py-1 text-right font-medium">Exports</th>
                  <th className="hidden py-1 text-right font-medium sm:table-cell">Last</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {views.data.map((row, index) => (
                  <tr key={row.organization?.id ?? index}>
                    <td className="py-1.5">{row.organization?.name ?? 'A deleted organization'}</td>
                    <td className="py-1.5 text-right tabular-nums">{row.views}</td>
                    <td className="py-1.5 text-right tabular-nums">{row.exports}</td>
                    <td className="hidden py-1.5 text-right sm:table-cell">
                      {new Date(row.lastAt).toLocaleDateString('en-GB')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Export my data"
          description="Your profile, credentials (as uploaded), skills, decisions and applications, as JSON."
        />
        <CardBody className="space-y-3">
          <Button onClick={() => exportData.mutate()} disabled={exportData.isPending}>
            {exportData.isPending ? 'Preparing…' : 'Download my data'}
          </Button>
          {exportData.isSuccess ? <Alert tone="success">Your export has been downloaded.</Alert> : null}
          {exportData.error ? <ErrorMessage error={exportData.error} action="export your data" /> : null}
        </CardBody>
      </Card>
      <Card className="border-red-200">
        <CardHeader
          title="Delete my account"
          description="Deletes your profile, every credential, every skill derived from them, and your applications. This cannot be undone."
        />
        <CardBody>
          <form onSubmit={submitDelete} className="space-y-3">
            <div className="space-y-1.5">
              <Label htmlFor="delete-confirm">
                Type <strong>{deleteAccountPhrase}</strong> to confirm
              </Label>
              <Input
                id="delete-confirm"
                autoComplete="off"
                value={confirm}
                onChange={(event) => setConfirm(event.target.value)}
                className="max-w-sm"
              />
            </div>
            <Button
              type="submit"
              variant="danger"
              disabled={remove.isPending || confirm.trim().toLowerCase() !== deleteAccountPhrase}
            >
              {remove.isPending ? 'Deleting…' : 'Delete my account'}
            </Button>
            {remove.error ? <ErrorMessage error={remove.error} action="delete your account" /> : null}
          </form>
        </CardBody>
      </Card>
    </div>
  );
}
