'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { EmptyState, ErrorMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { LoadingRows, Skeleton } from '@/components/ui/skeleton';
import { Tabs } from '@/components/ui/tabs';
import { checkLabel, checkStatusTone, statusInfo, VerificationBadge } from './verification-badge';

function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '—';
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime())
    ? '—'
    : date.toLocaleDateString('en-GB', { year: 'numeric', month: 'short', day: 'numeric' });
}

const formatText: Record<string, string> = {
  ob2: 'Open Badges 2.0',
  ob3: 'Open Badges 3.0',
  vc: 'Verifiable credential',
  'vc-jwt': 'VC-JWT',
  clr: 'CLR 2.0',
};

/** The candidate's credentials; each verification badge opens the individual checks and the raw credential. */
export function CredentialList({ refreshKey = 0 }: { refreshKey?: number }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.credentials.list.queryOptions());
  const queryClient = useQueryClient();
  useEffect(() => {
    if (refreshKey === 0) return;
    // A fetch that started before the upload stored anything would be reused by refetch(): cancel it first.
    const queryKey = trpc.credentials.list.queryKey();
    void queryClient.cancelQueries({ queryKey }).then(() => queryClient.refetchQueries({ queryKey }));
  }, [refreshKey, queryClient, trpc]);
  const [openId, setOpenId] = useState<string | null>(null);

  if (list.isPending) return <LoadingRows rows={3} label="Loading your credentials" />;
  if (list.error) return <ErrorMessage error={list.error} action="load your credentials" />;
  if (list.data.length === 0) {
    return (
      <EmptyState title="No credentials yet">
        Upload your badges above; each one is verified as it arrives.
      </EmptyState>
    );
  }
  const counts = list.data.reduce<Record<string, number>>(
    (acc, item) => ((acc[item.status] = (acc[item.status] ?? 0) + 1), acc),
    {},
  );
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        {list.data.length} credential{list.data.length === 1 ? '' : 's'}:{' '}
        {Object.entries(counts)
          .map(([status, count]) => `${count} ${statusInfo(status).label.toLowerCase()}`)
          .join(', ')}
      </p>
      <ul
        className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
        data-testid="credential-list"
      >
        {list.data.map((item) => (
          <li
            key={item.id}
            data-testid="credential-row"
            data-status={item.status}
            className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:gap-4"
          >
            <button
              type="button"
              onClick={() => setOpenId(item.id)}
              className="w-36 shrink-0 text-left"
              aria-label={`${statusInfo(item.status).label}: show the checks of ${item.achievementName}`}
            >
              <VerificationBadge status={item.status} />
            </button>
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium text-slate-900">
                {item.achievementName || 'Untitled credential'}
              </p>
              <p className="truncate text-sm text-slate-600">
                {item.issuerName ?? item.issuerId ?? 'Unknown issuer'}
                {item.issuedAt ? ` · issued ${formatDate(item.issuedAt)}` : ''}
                {item.validUntil ? ` · valid until ${formatDate(item.validUntil)}` : ''}
              </p>
            </div>
            <div className="flex shrink-0 flex-wrap items-center gap-2 text-xs text-slate-500">
              <span>{formatText[item.format] ?? item.format}</span>
              <span className="hidden sm:inline">·</span>
              <span className="max-w-40 truncate" title={item.sourcePath || item.sourceFile}>
                {item.sourceFile}
              </span>
            </div>
            <Button variant="secondary" size="sm" onClick={() => setOpenId(item.id)}>
              Details
            </Button>
          </li>
        ))}
      </ul>
      <CredentialDialog id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}

function CredentialDialog({ id, onClose }: { id: string | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState('checks');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const detail = useQuery({
    ...trpc.credentials.byId.queryOptions({ id: id ?? '00000000-0000-4000-8000-000000000000' }),
    enabled: id !== null,
  });
  const reverify = useMutation(
    trpc.credentials.reverify.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.credentials.byId.queryKey({ id: data.id }), data);
        void queryClient.invalidateQueries({ queryKey: trpc.credentials.list.queryKey() });
      },
    }),
  );
  const remove = useMutation(
    trpc.credentials.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.credentials.list.queryKey() });
        close();
      },
    }),
  );
  function close() {
    setTab('checks');
    setConfirmDelete(false);
    reverify.reset();
    remove.reset();
    onClose();
  }
  const data = detail.data;
  return (
    <Dialog
      open={id !== null}
      onClose={close}
      title={data ? data.achievementName || 'Credential' : 'Credential'}
      description={data ? (data.issuerName ?? data.issuerId ?? 'Unknown issuer') : undefined}
    >
      {detail.isPending ? (
        <div className="space-y-3" role="status">
          <span className="sr-only">Loading the credential…</span>
          <Skeleton className="h-6 w-32" />
          <Skeleton className="h-40 w-full" />
        </div>
      ) : detail.error ? (
        <ErrorMessage error={detail.error} action="load this credential" />
      ) : data ? (
        <div className="space-y-4">
          <div className="flex flex-wrap items-center gap-3">
            <VerificationBadge status={data.status} />
            <span className="text-sm text-slate-600">{statusInfo(data.status).help}</span>
          </div>
          <Tabs
            label="Credential details"
            value={tab}
            onChange={setTab}
            items={[
              {
                id: 'checks',
                label: 'Checks',
                content: (
                  <ul className="space-y-2" aria-label="Verification checks">
                    {data.checks.map((check) => (
                      <li key={check.name} className="rounded-md border border-slate-200 p-3">
                        <div className="flex items-center justify-between gap-2">
                          <span className="font-medium">{checkLabel(check.name)}</span>
                          <Badge tone={checkStatusTone[check.status] ?? 'neutral'}>{check.status}</Badge>
                        </div>
                        <p className="mt-1 text-sm text-slate-700">{check.reason}</p>
                      </li>
                    ))}
                  </ul>
                ),
              },
              {
                id: 'issuer',
                label: 'Issuer',
                content: (
                  <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
                    <dt className="text-slate-500">Name</dt>
                    <dd>{data.issuerName ?? '—'}</dd>
                    <dt className="text-slate-500">Identifier</dt>
                    <dd className="break-all font-mono text-xs">{data.issuerId ?? '—'}</dd>
                    <dt className="text-slate-500">Key binding</dt>
                    <dd>{data.keyBinding}</dd>
                    <dt className="text-slate-500">Revocation</dt>
                    <dd>{data.revocation}</dd>
                    <dt className="text-slate-500">Issued</dt>
                    <dd>{formatDate(data.issuedAt ?? data.validFrom)}</dd>
                    <dt className="text-slate-500">Valid until</dt>
                    <dd>{formatDate(data.validUntil)}</dd>
                  </dl>
                ),
              },
              {
                id: 'achievement',
                label: 'Achievement',
                content: (
                  <div className="space-y-3 text-sm">
                    <p className="font-medium">{data.achievement.name}</p>
                    {data.achievement.description ? (
                      <p className="text-slate-700">{data.achievement.description}</p>
                    ) : null}
                    {data.achievement.criteriaNarrative ? (
                      <p className="text-slate-700">
                        <span className="font-medium">Criteria: </span>
                        {data.achievement.criteriaNarrative}
                      </p>
                    ) : null}
                    {data.achievement.alignments.length > 0 ? (
                      <div>
                        <p className="font-medium">Aligned to</p>
                        <ul className="mt-1 flex flex-wrap gap-1.5">
                          {data.achievement.alignments.map((alignment, index) => (
                            <li key={index}>
                              <Badge tone="brand">
                                {alignment.targetName ?? alignment.targetCode ?? alignment.targetUrl}
                              </Badge>
                            </li>
                          ))}
                        </ul>
                      </div>
                    ) : null}
                    {data.achievement.tags.length > 0 ? (
                      <p className="text-slate-600">Tags: {data.achievement.tags.join(', ')}</p>
                    ) : null}
                  </div>
                ),
              },
              {
                id: 'raw',
                label: 'Raw credential',
                content: (
                  <pre className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
                    {prettyRaw(data.raw, data.mediaType)}
                  </pre>
                ),
              },
            ]}
          />
          <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4">
            <Button
              variant="secondary"
              size="sm"
              disabled={reverify.isPending}
              onClick={() => reverify.mutate({ id: data.id })}
            >
              {reverify.isPending ? 'Checking…' : 'Check again'}
            </Button>
            {confirmDelete ? (
              <>
                <span className="text-sm text-slate-700">Delete it and the skills it proves?</span>
                <Button
                  variant="danger"
                  size="sm"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate({ id: data.id })}
                >
                  {remove.isPending ? 'Deleting…' : 'Yes, delete'}
                </Button>
                <Button variant="ghost" size="sm" onClick={() => setConfirmDelete(false)}>
                  Keep it
                </Button>
              </>
            ) : (
              <Button
                variant="ghost"
                size="sm"
                className="text-red-700"
                onClick={() => setConfirmDelete(true)}
              >
                Delete credential
              </Button>
            )}
          </div>
          {reverify.error ? (
            <ErrorMessage error={reverify.error} action="check the credential again" />
          ) : null}
          {remove.error ? <ErrorMessage error={remove.error} action="delete the credential" /> : null}
        </div>
      ) : null}
    </Dialog>
  );
}

function prettyRaw(raw: string, mediaType: string): string {
  if (mediaType === 'application/json') {
    try {
      return JSON.stringify(JSON.parse(raw), null, 2);
    } catch {
      return raw;
    }
  }
  return raw;
}
