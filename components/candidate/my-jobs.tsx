'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { EmptyState, ErrorMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { LoadingRows, Skeleton } from '@/components/ui/skeleton';
import { ScoreBar, SkillChip } from '@/components/ranking/score-bar';

/** Open jobs to apply to, the jobs I applied to or saved, and my skill gap for each. */
export function MyJobs() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mine = useQuery(trpc.jobs.mine.queryOptions());
  const open = useQuery(trpc.jobs.listOpen.queryOptions({ limit: 50 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.jobs.mine.queryKey() });
  const apply = useMutation(trpc.jobs.applyTo.mutationOptions({ onSuccess: () => void refresh() }));
  const save = useMutation(trpc.jobs.save.mutationOptions({ onSuccess: () => void refresh() }));
  const [gapFor, setGapFor] = useState<string | null>(null);
  const mineIds = new Map((mine.data ?? []).map((job) => [job.jobId, job]));
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="My jobs"
          description="Jobs you applied to or saved. Applying makes you visible to that organization if your profile is “only organizations I apply to”."
        />
        <CardBody>
          {mine.isPending ? (
            <LoadingRows rows={2} rowClassName="h-10" label="Loading your jobs" />
          ) : mine.error ? (
            <ErrorMessage error={mine.error} action="load your jobs" />
          ) : mine.data.length === 0 ? (
            <p className="text-sm text-slate-600">You have not applied to or saved any job yet.</p>
          ) : (
            <ul className="space-y-3">
              {mine.data.map((job) => (
                <li key={job.jobId} className="rounded-md border border-slate-200 p-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="min-w-0 flex-1 font-medium">
                      {job.title} <span className="font-normal text-slate-600">· {job.organizationName}</span>
                    </span>
                    {job.applied ? <Badge tone="success">Applied</Badge> : null}
                    {job.saved ? <Badge tone="info">Saved</Badge> : null}
                    <Button
                      size="sm"
                      variant="secondary"
                      aria-expanded={gapFor === job.jobId}
                      onClick={() => setGapFor(gapFor === job.jobId ? null : job.jobId)}
                    >
                      {gapFor === job.jobId ? 'Hide my gap' : 'See my gap'}
                    </Button>
                  </div>
                  {gapFor === job.jobId ? <MyGap jobId={job.jobId} /> : null}
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Open jobs" />
        <CardBody>
          {(apply.error ?? save.error) ? (
            <ErrorMessage error={apply.error ?? save.error} action="update the job" className="mb-3" />
          ) : null}
          {open.isPending ? (
            <LoadingRows rows={3} rowClassName="h-10" label="Loading open jobs" />
          ) : open.error ? (
            <ErrorMessage error={open.error} action="load the open jobs" />
          ) : open.data.length === 0 ? (
            <EmptyState title="No open jobs right now" />
          ) : (
            <ul className="divide-y divide-slate-100">
              {open.data.map((job) => {
                const relation = mineIds.get(job.jobId);
                return (
                  <li key={job.jobId} className="flex flex-wrap items-center gap-2 py-2.5">
                    <span className="min-w-0 flex-1">
                      <span className="font-medium">{job.title}</span>
                      <span className="block text-sm text-slate-600">
                        {job.organizationName}
                        {job.location ? ` · ${job.location}` : ''}
                      </span>
                    </span>
                    {relation?.saved ? null : (
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={save.isPending}
                        onClick={() => save.mutate({ jobId: job.jobId })}
                      >
                        Save
                      </Button>
                    )}
                    {relation?.applied ? (
                      <Badge tone="success">Applied</Badge>
                    ) : (
                      <Button
                        size="sm"
                        disabled={apply.isPending}
                        onClick={() => apply.mutate({ jobId: job.jobId })}
                        aria-label={`Apply to ${job.title}`}
                      >
                        Apply
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </CardBody>
      </Card>
    </div>
  );
}

function MyGap({ jobId }: { jobId: string }) {
  const trpc = useTRPC();
  const gap = useQuery(trpc.ranking.myGap.queryOptions({ jobId, partialCredit: true }));
  if (gap.isPending) return <Skeleton className="mt-3 h-20 w-full" />;
  if (gap.error) return <ErrorMessage error={gap.error} action="compute your gap" className="mt-3" />;
  const { score, gaps } = gap.data;
  return (
    <div className="mt-3 space-y-3">
      <ScoreBar score={score.score} mustHavesMet={score.mustHavesMet} />
      <ul className="flex flex-wrap gap-1.5" aria-label="The job's skills">
        {score.contributions.map((contribution) => (
          <li key={contribution.skillId}>
            <SkillChip
              label={contribution.label}
              status={contribution.status}
              mustHave={contribution.mustHave}
            />
          </li>
        ))}
      </ul>
      {gaps.length > 0 ? (
        <div>
          <p className="text-sm font-medium">To close the gap</p>
          <ul className="mt-1 space-y-1 text-sm text-slate-700">
            {gaps.map((item) => (
              <li key={item.skillId}>
                <span className="font-medium">{item.label}</span>
                {item.mustHave ? ' (must-have)' : ''}:{' '}
                {item.status === 'missing' ? 'no credential shows it yet' : 'partly covered'}
                {item.instead ? ` — you have ${item.instead.label}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-sm text-emerald-700">Your credentials cover every skill this job asks for.</p>
      )}
    </div>
  );
}
