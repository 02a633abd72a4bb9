'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';
import { EmptyState, ErrorMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { LoadingRows } from '@/components/ui/skeleton';

const statusTone = { open: 'success', draft: 'neutral', closed: 'warning' } as const;

export function JobsList() {
  const trpc = useTRPC();
  const jobs = useQuery(trpc.jobs.list.queryOptions());
  if (jobs.isPending) return <LoadingRows rows={3} label="Loading jobs" />;
  if (jobs.error) return <ErrorMessage error={jobs.error} action="load the jobs" />;
  if (jobs.data.length === 0)
    return <EmptyState title="No jobs yet">Create one from a job description.</EmptyState>;
  return (
    <ul
      className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
      data-testid="jobs-list"
    >
      {jobs.data.map((job) => (
        <li key={job.jobId} className="flex flex-wrap items-center gap-3 px-4 py-3">
          <Link
            href={`/hiring/jobs/${job.jobId}`}
            className="min-w-0 flex-1 truncate font-medium text-brand-700 hover:underline"
          >
            {job.title}
          </Link>
          <Badge tone={statusTone[job.status as keyof typeof statusTone] ?? 'neutral'}>{job.status}</Badge>
          <span className="text-sm text-slate-600">
            {job.skills} skill{job.skills === 1 ? '' : 's'} · {job.applications} application
            {job.applications === 1 ? '' : 's'}
          </span>
          <span className="hidden text-xs text-slate-500 sm:inline">
            v{job.currentVersion} · {new Date(job.updatedAt).toLocaleDateString('en-GB')}
          </span>
        </li>
      ))}
    </ul>
  );
}
