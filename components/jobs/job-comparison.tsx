'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { EmptyState, ErrorMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { ComparisonHeatmap } from '@/components/ranking/comparison-heatmap';
import { CheckboxField } from '@/components/ui/checkbox-field';

/** Job skills × shortlisted candidates, with the CSV of the same matrix. */
export function JobComparison({ jobId }: { jobId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const job = useQuery(trpc.jobs.byId.queryOptions({ jobId }));
  const shortlist = useQuery(trpc.jobs.shortlist.queryOptions({ jobId }));
  const [partialCredit, setPartialCredit] = useState(true);
  const [verifiedOnly, setVerifiedOnly] = useState(false);
  const ids = (shortlist.data ?? []).map((entry) => entry.candidateId).slice(0, 10);
  const input = { jobId, candidateIds: ids, partialCredit, verifiedOnly };
  const compare = useQuery({ ...trpc.ranking.compare.queryOptions(input), enabled: ids.length >= 2 });
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      const file = await queryClient.fetchQuery({
        ...trpc.ranking.compareCsv.queryOptions(input),
        staleTime: 0,
      });
      const url = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  }

  const loading = shortlist.isPending || (ids.length >= 2 && compare.isPending);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href="/hiring" className="hover:underline">
              Jobs
            </Link>{' '}
            ›{' '}
            <Link href={`/hiring/jobs/${jobId}`} className="hover:underline">
              {job.data?.title ?? 'Job'}
            </Link>
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">Compare the shortlist</h1>
          <p className="text-slate-600">
            Each cell: how much of that skill requirement the candidate covers. Click a cell for the evidence.
          </p>
        </div>
        <Button onClick={() => void exportCsv()} disabled={exporting || ids.length < 2}>
          {exporting ? 'Exporting…' : 'Export CSV'}
        </Button>
      </div>
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">Comparison options</legend>
        <CheckboxField checked={verifiedOnly} onCheckedChange={setVerifiedOnly}>
          Verified credentials only
        </CheckboxField>
        <CheckboxField checked={partialCredit} onCheckedChange={setPartialCredit}>
          Partial credit for related skills
        </CheckboxField>
      </fieldset>
      {exportError ? <ErrorMessage error={exportError} action="export the CSV" /> : null}
      {shortlist.error ? <ErrorMessage error={shortlist.error} action="load the shortlist" /> : null}
      {compare.error ? <ErrorMessage error={compare.error} action="compare the candidates" /> : null}
      {loading && !shortlist.error ? (
        <div role="status">
          <span className="sr-only">Comparing…</span>
          <Skeleton className="h-72 w-full" />
        </div>
      ) : null}
      {!shortlist.isPending && ids.length < 2 ? (
        <EmptyState title="Shortlist at least two candidates">
          Go back to the{' '}
          <Link href={`/hiring/jobs/${jobId}`} className="text-brand-700 underline">
            ranked list
          </Link>{' '}
          and shortlist the people you want to compare.
        </EmptyState>
      ) : null}
      {compare.data ? (
        <ComparisonHeatmap
          data={{
            skills: compare.data.matrix.skills,
            candidates: compare.data.matrix.candidates.map((candidate, index) => ({
              candidateId: candidate.candidateId,
              label: compare.data.names[index] ?? candidate.candidateId.slice(0, 8),
              score: candidate.score,
              mustHavesMet: candidate.mustHavesMet,
            })),
            cells: compare.data.matrix.cells,
          }}
        />
      ) : null}
    </div>
  );
}
