'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, EmptyState, ErrorMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Input, Select } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { LoadingRows } from '@/components/ui/skeleton';

const kindText = { did: 'DID', issuer_id: 'Issuer URL / id', domain: 'Domain' } as const;
type Kind = keyof typeof kindText;
const placeholders: Record<Kind, string> = {
  did: 'did:web:badges.example.edu',
  issuer_id: 'https://badges.example.edu/issuer',
  domain: 'example.edu',
};

/** The organization's trusted issuers: credentials from them get a "trusted issuer" check. */
export function TrustedIssuersPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.trustedIssuers.list.queryOptions());
  const [kind, setKind] = useState<Kind>('domain');
  const [value, setValue] = useState('');
  const [label, setLabel] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.trustedIssuers.list.queryKey() });
  const add = useMutation(
    trpc.trustedIssuers.add.mutationOptions({
      onSuccess: (result) => {
        setNotice(
          `Added ${result.value}; ${result.candidatesAffected} candidate profile${result.candidatesAffected === 1 ? '' : 's'} updated.`,
        );
        setValue('');
        setLabel('');
        void refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.trustedIssuers.remove.mutationOptions({
      onSuccess: (result) => {
        setNotice(
          `Removed; ${result.candidatesAffected} candidate profile${result.candidatesAffected === 1 ? '' : 's'} updated.`,
        );
        void refresh();
      },
    }),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    add.mutate({ kind, value, label: label || undefined });
  }
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Add a trusted issuer"
          description="A DID, an issuer identifier, or a whole domain."
        />
        <CardBody>
          <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[10rem_1fr_1fr_auto] sm:items-end">
            <div className="space-y-1.5">
              <Label htmlFor="issuer-kind">Kind</Label>
              <Select id="issuer-kind" value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
                {Object.entries(kindText).map(([key, text]) => (
                  <option key={key} value={key}>
                    {text}
                  </option>
                ))}
              </Select>
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="issuer-value">Value</Label>
              <Input
                id="issuer-value"
                required
                minLength={3}
                maxLength={500}
                placeholder={placeholders[kind]}
                value={value}
                onChange={(event) => setValue(event.target.value)}
              />
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="issuer-label">Label (optional)</Label>
              <Input
                id="issuer-label"
                maxLength={200}
                value={label}
                onChange={(event) => setLabel(event.target.value)}
              />
            </div>
            <Button type="submit" disabled={add.isPending}>
              {add.isPending ? 'Adding…' : 'Add'}
            </Button>
          </form>
          <div aria-live="polite" className="mt-3 space-y-2">
            {notice ? <Alert tone="success">{notice}</Alert> : null}
            {add.error ? <ErrorMessage error={add.error} action="add the issuer" /> : null}
            {remove.error ? <ErrorMessage error={remove.error} action="remove the issuer" /> : null}
          </div>
        </CardBody>
      </Card>
      {list.isPending ? (
        <LoadingRows rows={2} label="Loading trusted issuers" rowClassName="h-12" />
      ) : list.error ? (
        <ErrorMessage error={list.error} action="load the trusted issuers" />
      ) : list.data.length === 0 ? (
        <EmptyState title="No trusted issuers yet">
          Credentials are still verified; this list only adds a “trusted issuer” mark.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {list.data.map((issuer) => (
            <li key={issuer.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
              <Badge tone="info">{kindText[issuer.kind as Kind] ?? issuer.kind}</Badge>
              <span className="min-w-0 flex-1 break-all font-mono text-sm">{issuer.value}</span>
              {issuer.label ? <span className="text-sm text-slate-600">{issuer.label}</span> : null}
              <Button
                size="sm"
                variant="ghost"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ id: issuer.id })}
                aria-label={`Remove ${issuer.value}`}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
