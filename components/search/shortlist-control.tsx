'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/input';

/** Adds a candidate to one of the organization's jobs' shortlists. */
export function ShortlistControl({
  candidateId,
  candidateName,
  jobs,
}: {
  candidateId: string;
  candidateName: string;
  jobs: { jobId: string; title: string }[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [jobId, setJobId] = useState(jobs[0]?.jobId ?? '');
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation(
    trpc.jobs.shortlistAdd.mutationOptions({
      onSuccess: (_result, input) => {
        setAdded(jobs.find((job) => job.jobId === input.jobId)?.title ?? 'the job');
        void queryClient.invalidateQueries({
          queryKey: trpc.jobs.shortlist.queryKey({ jobId: input.jobId }),
        });
      },
    }),
  );
  if (jobs.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={`${id}-job`} className="sr-only">
        Job to shortlist {candidateName} for
      </label>
      <Select
        id={`${id}-job`}
        className="h-8 w-auto max-w-72 text-xs"
        value={jobId}
        onChange={(event) => setJobId(event.target.value)}
      >
        {jobs.map((job) => (
          <option key={job.jobId} value={job.jobId}>
            {job.title}
          </option>
        ))}
      </Select>
      <Button
        size="sm"
        variant="secondary"
        disabled={add.isPending || !jobId}
        onClick={() => {
          setAdded(null);
          add.mutate({ jobId, candidateId, note: '' });
        }}
        aria-label={`Add ${candidateName} to the shortlist`}
      >
        {add.isPending ? 'Adding…' : 'Add to shortlist'}
      </Button>
      <span aria-live="polite" className="text-xs">
        {added ? <span className="text-emerald-700">Shortlisted for {added}.</span> : null}
        {add.error ? <span className="text-red-700">{add.error.message}</span> : null}
      </span>
    </div>
  );
}
