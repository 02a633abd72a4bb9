'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { EmptyState, ErrorMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { LoadingRows } from '@/components/ui/skeleton';

const actionText: Record<string, string> = {
  view: 'Viewed profile',
  export: 'Exported profile',
  'member.invited': 'Invited a member',
  'member.invitation_revoked': 'Revoked an invitation',
  'member.role_changed': 'Changed a role',
  'member.removed': 'Removed a member',
};

/** Who viewed or exported which candidate, and membership changes; newest first, paged by cursor. */
export function AuditLog() {
  const trpc = useTRPC();
  const [action, setAction] = useState('');
  const log = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { action: action || undefined, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];
  return (
    <div className="space-y-4">
      <div className="max-w-xs space-y-1.5">
        <Label htmlFor="audit-action">Show</Label>
        <Select id="audit-action" value={action} onChange={(event) => setAction(event.target.value)}>
          <option value="">All events</option>
          {Object.entries(actionText).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </Select>
      </div>
      {log.isPending ? (
        <LoadingRows rows={4} rowClassName="h-10" label="Loading the audit log" />
      ) : log.error ? (
        <ErrorMessage error={log.error} action="load the audit log" />
      ) : entries.length === 0 ? (
        <EmptyState title="Nothing recorded yet">
          Profile views and exports by your members appear here.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">When</th>
                <th className="px-4 py-2 font-medium">Who</th>
                <th className="px-4 py-2 font-medium">What</th>
                <th className="px-4 py-2 font-medium">Candidate / details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-600">
                    {new Date(entry.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}
                  </td>
                  <td className="px-4 py-2">
                    {entry.actor ? (entry.actor.name ?? entry.actor.email) : 'A removed user'}
                  </td>
                  <td className="px-4 py-2">
                    <Badge
                      tone={
                        entry.action === 'export' ? 'warning' : entry.action === 'view' ? 'info' : 'neutral'
                      }
                    >
                      {actionText[entry.action] ?? entry.action}
                    </Badge>
                  </td>
                  <td className="px-4 py-2 text-slate-700">
                    {entry.candidate ? entry.candidate.displayName : null}
                    {Object.keys(entry.details).length > 0 ? (
                      <span className="block text-xs text-slate-500">
                        {Object.entries(entry.details)
                          .map(([key, value]) => `${key}: ${String(value)}`)
                          .join(' · ')}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.hasNextPage ? (
        <Button
          variant="secondary"
          onClick={() => void log.fetchNextPage()}
          disabled={log.isFetchingNextPage}
        >
          {log.isFetchingNextPage ? 'Loading…' : 'Load older entries'}
        </Button>
      ) : null}
    </div>
  );
}
