'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { EmptyState, ErrorMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClass } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Skeleton } from '@/components/ui/skeleton';
import { ScoreBar, SkillChip } from '@/components/ranking/score-bar';
import { JobSkillsEditor, type EditableJobSkill } from './job-skills-editor';
import { CheckboxField } from '@/components/ui/checkbox-field';
import { decodeRankingList } from '@/server/domain/ranking/ranking-list';

/** A job's requirements (editable as a new version) and its candidates ranked by skill coverage. */
/** Candidates per page of the ranking, and the most the API returns. */
const RANKING_PAGE = 20;
const RANKING_MAX = 200;

export function JobRanking({ jobId }: { jobId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const job = useQuery(trpc.jobs.byId.queryOptions({ jobId }));
  const [verifiedOnly, setVerifiedOnly] = useState(false);
  const [mustHavesOnly, setMustHavesOnly] = useState(false);
  const [partialCredit, setPartialCredit] = useState(true);
  // The first page is what a hiring manager reads; every further candidate costs an explanation from evidence
  const [limit, setLimit] = useState(RANKING_PAGE);
  const ranking = useQuery({
    ...trpc.ranking.forJob.queryOptions({ jobId, verifiedOnly, mustHavesOnly, partialCredit, limit }),
    placeholderData: keepPreviousData,
  });
  // The list comes compact (requirements and routes once, a cell per requirement); rebuild scores and gaps here.
  const ranked = useMemo(() => (ranking.data ? decodeRankingList(ranking.data) : []), [ranking.data]);
  const shortlist = useQuery(trpc.jobs.shortlist.queryOptions({ jobId }));
  const shortlisted = new Set((shortlist.data ?? []).map((entry) => entry.candidateId));
  const refreshShortlist = () =>
    queryClient.invalidateQueries({ queryKey: trpc.jobs.shortlist.queryKey({ jobId }) });
  const add = useMutation(
    trpc.jobs.shortlistAdd.mutationOptions({ onSuccess: () => void refreshShortlist() }),
  );
  const remove = useMutation(
    trpc.jobs.shortlistRemove.mutationOptions({ onSuccess: () => void refreshShortlist() }),
  );
  const [editing, setEditing] = useState<EditableJobSkill[] | null>(null);
  const update = useMutation(
    trpc.jobs.update.mutationOptions({
      onSuccess: async () => {
        setEditing(null);
        await queryClient.invalidateQueries({ queryKey: trpc.jobs.byId.queryKey({ jobId }) });
        await queryClient.invalidateQueries({ queryKey: trpc.ranking.forJob.queryKey() });
      },
    }),
  );
  const [expanded, setExpanded] = useState<string | null>(null);

  if (job.isPending) {
    return (
      <div className="space-y-4" role="status">
        <span className="sr-only">Loading the job…</span>
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  if (job.error) return <ErrorMessage error={job.error} action="load the job" />;
  const data = job.data;
  const compareIds = [...shortlisted].slice(0, 10);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <p className="text-sm text-slate-500">
            <Link href="/hiring" className="hover:underline">
              Jobs
            </Link>{' '}
            › version {data.version}
          </p>
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="job-title">
            {data.title}
          </h1>
          <p className="text-sm text-slate-600">
            {data.location || 'No location'} ·{' '}
            <Badge tone={data.status === 'open' ? 'success' : 'neutral'}>{data.status}</Badge>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {compareIds.length >= 2 ? (
            <Link href={`/hiring/jobs/${jobId}/compare`} className={buttonClass('primary')}>
              Compare shortlist ({compareIds.length})
            </Link>
          ) : (
            <span className="self-center text-sm text-slate-600">
              Shortlist two or more candidates to compare them.
            </span>
          )}
        </div>
      </div>

      <Card>
        <CardHeader
          title="Required skills"
          description="Weights, must-haves (*) and minimum levels drive the ranking. Saving creates a new version."
          actions={
            editing ? null : (
              <Button
                variant="secondary"
                size="sm"
                onClick={() =>
                  setEditing(
                    data.requirements.map((requirement) => ({
                      skillId: requirement.skillId,
                      label: requirement.label,
                      importance: requirement.importance,
                      mustHave: requirement.mustHave,
                      minLevel: requirement.minLevel,
                      evidence: requirement.evidence ?? undefined,
                    })),
                  )
                }
              >
                Edit skills
              </Button>
            )
          }
        />
        <CardBody>
          {editing ? (
            <div className="space-y-4">
              <JobSkillsEditor skills={editing} onChange={setEditing} />
              <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-4">
                <Button
                  disabled={update.isPending || editing.length === 0}
                  onClick={() =>
                    update.mutate({
                      jobId,
                      title: data.title,
                      description: data.description,
                      location: data.location,
                      skills: editing.map((skill) => ({
                        skillId: skill.skillId,
                        label: skill.label,
                        importance: skill.importance,
                        mustHave: skill.mustHave,
                        minLevel: skill.minLevel,
                        recencyMonths:
                          data.requirements.find((item) => item.skillId === skill.skillId)?.recencyMonths ??
                          null,
                        evidence: skill.evidence ?? null,
                      })),
                    })
                  }
                >
                  {update.isPending ? 'Saving…' : 'Save as new version'}
                </Button>
                <Button variant="ghost" onClick={() => setEditing(null)}>
                  Cancel
                </Button>
              </div>
              {update.error ? <ErrorMessage error={update.error} action="save the skills" /> : null}
            </div>
          ) : (
            <ul className="flex flex-wrap gap-2" data-testid="requirements">
              {data.requirements.map((requirement) => (
                <li key={requirement.skillId}>
                  <Badge
                    tone={requirement.mustHave ? 'brand' : 'neutral'}
                    title={requirement.evidence ?? undefined}
                  >
                    {requirement.label}
                    {requirement.mustHave ? ' *' : ''}
                    <span className="text-slate-500">· {requirement.importance}</span>
                    {requirement.minLevel ? (
                      <span className="text-slate-500">· {requirement.minLevel}</span>
                    ) : null}
                  </Badge>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>

      <section aria-labelledby="ranked-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="ranked-heading" className="text-lg font-semibold">
            Ranked candidates
          </h2>
          <fieldset className="flex flex-wrap gap-4 text-sm">
            <legend className="sr-only">Ranking options</legend>
            <CheckboxField checked={verifiedOnly} onCheckedChange={setVerifiedOnly}>
              Verified credentials only
            </CheckboxField>
            <CheckboxField checked={mustHavesOnly} onCheckedChange={setMustHavesOnly}>
              Meets every must-have
            </CheckboxField>
            <CheckboxField checked={partialCredit} onCheckedChange={setPartialCredit}>
              Partial credit for related skills
            </CheckboxField>
          </fieldset>
        </div>
        {ranking.error ? <ErrorMessage error={ranking.error} action="rank the candidates" /> : null}
        {(add.error ?? remove.error) ? (
          <ErrorMessage error={add.error ?? remove.error} action="change the shortlist" />
        ) : null}
        {!ranking.data && !ranking.error ? (
          <div className="space-y-3" role="status">
            <span className="sr-only">Ranking…</span>
            {Array.from({ length: 4 }, (_, index) => (
              <Skeleton key={index} className="h-24 w-full" />
            ))}
          </div>
        ) : null}
        {ranking.data && ranked.length === 0 ? (
          <EmptyState title="No candidates to rank">
            {mustHavesOnly || verifiedOnly
              ? 'Loosen a filter above.'
              : 'No visible candidate has any of these skills yet.'}
          </EmptyState>
        ) : null}
        {ranking.data && ranked.length > 0 ? (
          <ol
            className={cn('space-y-3 transition-opacity', ranking.isFetching && 'opacity-60')}
            data-testid="ranked-list"
            aria-busy={ranking.isFetching}
          >
            {ranked.map((candidate) => {
              const isShortlisted = shortlisted.has(candidate.candidateId);
              const open = expanded === candidate.candidateId;
              return (
                <li key={candidate.candidateId}>
                  <Card className="p-4" data-testid="ranked-candidate">
                    <div className="grid gap-3 sm:grid-cols-[2.5rem_1fr_14rem_auto] sm:items-center">
                      <span className="text-lg font-semibold tabular-nums text-slate-500">
                        #{candidate.rank}
                      </span>
                      <div className="min-w-0">
                        <p className="truncate font-semibold">
                          <Link
                            href={`/hiring/candidates/${candidate.candidateId}`}
                            className="hover:underline"
                          >
                            {candidate.displayName}
                          </Link>
                        </p>
                        <p className="truncate text-sm text-slate-600">{candidate.headline}</p>
                      </div>
                      <ScoreBar score={candidate.score.score} mustHavesMet={candidate.score.mustHavesMet} />
                      <Button
                        size="sm"
                        variant={isShortlisted ? 'secondary' : 'primary'}
                        disabled={add.isPending || remove.isPending}
                        aria-pressed={isShortlisted}
                        onClick={() =>
                          isShortlisted
                            ? remove.mutate({ jobId, candidateId: candidate.candidateId })
                            : add.mutate({ jobId, candidateId: candidate.candidateId, note: '' })
                        }
                      >
                        {isShortlisted ? '★ Shortlisted' : 'Shortlist'}
                      </Button>
                    </div>
                    {!candidate.score.mustHavesMet ? (
                      <p className="mt-2 text-xs text-amber-800">
                        Missing must-have:{' '}
                        {candidate.score.missingMustHaves
                          .map(
                            (skillId) =>
                              candidate.score.contributions.find((c) => c.skillId === skillId)?.label ??
                              skillId,
                          )
                          .join(', ')}
                      </p>
                    ) : null}
                    <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Required skills">
                      {candidate.score.contributions.map((contribution) => (
                        <li key={contribution.skillId}>
                          <SkillChip
                            label={contribution.label}
                            status={contribution.status}
                            mustHave={contribution.mustHave}
                            title={
                              contribution.via
                                ? `via ${contribution.via.label} (${contribution.via.kind})${contribution.belowMinLevel ? ', below the minimum level' : ''}`
                                : 'not on the profile'
                            }
                          />
                        </li>
                      ))}
                    </ul>
                    {candidate.gaps.length > 0 ? (
                      <div className="mt-2">
                        <button
                          type="button"
                          className="text-sm text-brand-700 hover:underline"
                          aria-expanded={open}
                          onClick={() => setExpanded(open ? null : candidate.candidateId)}
                        >
                          {open ? 'Hide the gap' : `Explain the gap (${candidate.gaps.length})`}
                        </button>
                        {open ? (
                          <ul className="mt-2 space-y-1 text-sm text-slate-700">
                            {candidate.gaps.map((gap) => (
                              <li key={gap.skillId}>
                                <span className="font-medium">{gap.label}</span>
                                {gap.mustHave ? ' (must-have)' : ''}:{' '}
                                {gap.status === 'missing' ? 'missing' : 'partly covered'}
                                {gap.instead
                                  ? ` — has ${gap.instead.label} (${gap.instead.kind.replace(/_/g, ' ')})`
                                  : ''}
                                {(ranking.data?.closingTheGap[gap.skillId] ?? []).length > 0 ? (
                                  <span className="block text-xs text-slate-500">
                                    Certified by:{' '}
                                    {ranking
                                      .data!.closingTheGap[gap.skillId]!.map(
                                        (a) =>
                                          `${a.achievementName}${a.issuerName ? ` (${a.issuerName})` : ''}, ${a.holders} holder${a.holders === 1 ? '' : 's'}`,
                                      )
                                      .join('; ')}
                                  </span>
                                ) : null}
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </div>
                    ) : null}
                  </Card>
                </li>
              );
            })}
          </ol>
        ) : null}
        {ranking.data && ranked.length >= limit && limit < RANKING_MAX ? (
          <div className="flex justify-center">
            <Button
              variant="secondary"
              disabled={ranking.isFetching}
              onClick={() => setLimit((current) => Math.min(RANKING_MAX, current + RANKING_PAGE))}
            >
              Show {RANKING_PAGE} more
            </Button>
          </div>
        ) : null}
      </section>
    </div>
  );
}
