'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { EmptyState, ErrorMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Input, Select } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { statusInfo } from '@/components/credentials/verification-badge';
import { ShortlistControl } from './shortlist-control';
import type { SearchCandidatesInput } from '@/server/api/schemas/search.schema';

const availabilityText: Record<string, string> = {
  immediately: 'Immediately',
  within_month: 'Within a month',
  within_quarter: 'Within three months',
  not_looking: 'Not looking',
};

const sortText = {
  relevance: 'Best match',
  verified_skills: 'Most verified skills',
  recency: 'Recently updated',
} as const;
type Sort = keyof typeof sortText;

/** Facet name in the response → URL parameter and filter it drives. */
const facetConfig = [
  { facet: 'skills', param: 'skill', title: 'Skills' },
  { facet: 'credentialStatuses', param: 'status', title: 'Verification' },
  { facet: 'issuers', param: 'issuer', title: 'Issuers' },
  { facet: 'location', param: 'location', title: 'Location' },
  { facet: 'availability', param: 'availability', title: 'Availability' },
] as const;
type FacetKey = (typeof facetConfig)[number]['facet'];

const PAGE_SIZE = 10;

function facetLabel(facet: FacetKey, value: string, label?: string): string {
  if (facet === 'credentialStatuses') return statusInfo(value).label;
  if (facet === 'availability') return availabilityText[value] ?? value;
  return label ?? value;
}

/** Reads the search state from the URL, so a search can be shared, reloaded and navigated back to. */
function useSearchState() {
  const params = useSearchParams();
  return useMemo(() => {
    const all = (name: string) => params.getAll(name).filter(Boolean);
    const sort = params.get('sort');
    return {
      text: params.get('q') ?? '',
      page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1),
      sort: (sort && sort in sortText ? sort : 'relevance') as Sort,
      verifiedOnly: params.get('verified') === '1',
      selected: Object.fromEntries(facetConfig.map((config) => [config.facet, all(config.param)])) as Record<
        FacetKey,
        string[]
      >,
    };
  }, [params]);
}

export function CandidateSearch() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const state = useSearchState();
  const [draft, setDraft] = useState(state.text);

  function navigate(change: (next: URLSearchParams) => void, resetPage = true) {
    const next = new URLSearchParams(params.toString());
    change(next);
    if (resetPage) next.delete('page');
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  // Instant results: the URL (and so the query) follows the box after a short pause in typing.
  useEffect(() => {
    if (draft === state.text) return;
    const timer = setTimeout(
      () => navigate((next) => (draft.trim() ? next.set('q', draft) : next.delete('q'))),
      250,
    );
    return () => clearTimeout(timer);
  }, [draft]);

  const input: SearchCandidatesInput = {
    text: state.text.trim() || undefined,
    filters: {
      skillsAll: state.selected.skills.length ? state.selected.skills : undefined,
      credentialStatuses: state.selected.credentialStatuses.length
        ? (state.selected.credentialStatuses as NonNullable<
            NonNullable<SearchCandidatesInput['filters']>['credentialStatuses']
          >)
        : undefined,
      issuers: state.selected.issuers.length ? state.selected.issuers : undefined,
      locations: state.selected.location.length ? state.selected.location : undefined,
      availability: state.selected.availability.length
        ? (state.selected.availability as NonNullable<
            NonNullable<SearchCandidatesInput['filters']>['availability']
          >)
        : undefined,
      verifiedSkillsOnly: state.verifiedOnly || undefined,
    },
    facets: facetConfig.map((config) => config.facet),
    sort: state.sort,
    page: state.page,
    pageSize: PAGE_SIZE,
  };
  const search = useQuery({
    ...trpc.search.candidates.queryOptions(input),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const data = search.data;
  const jobs = useQuery(trpc.jobs.list.queryOptions());
  const openJobs = (jobs.data ?? []).filter((job) => job.status !== 'closed');
  const activeFilters = facetConfig.flatMap((config) =>
    state.selected[config.facet].map((value) => ({ config, value })),
  );

  function toggle(param: string, value: string) {
    navigate((next) => {
      const values = next.getAll(param);
      next.delete(param);
      const updated = values.includes(value) ? values.filter((item) => item !== value) : [...values, value];
      for (const item of updated) next.append(param, item);
    });
  }

  const skillLabels = new Map(
    (data?.facets.skills ?? []).map((facet) => [facet.value, facet.label ?? facet.value]),
  );

  return (
    <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
      <div className="lg:col-span-2">
        <form
          role="search"
          onSubmit={(event) => event.preventDefault()}
          className="flex flex-col gap-3 sm:flex-row sm:items-end"
        >
          <div className="flex-1 space-y-1.5">
            <Label htmlFor="search-text">Search candidates</Label>
            <Input
              id="search-text"
              type="search"
              autoComplete="off"
              maxLength={200}
              placeholder="Skills, titles, credentials… e.g. python data analysis"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
            />
          </div>
          <div className="space-y-1.5 sm:w-56">
            <Label htmlFor="search-sort">Sort by</Label>
            <Select
              id="search-sort"
              value={state.sort}
              onChange={(event) => navigate((next) => next.set('sort', event.target.value))}
            >
              {Object.entries(sortText).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
        </form>
        <div className="mt-3 flex min-h-8 flex-wrap items-center gap-2">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="accent-brand-600"
              checked={state.verifiedOnly}
              onChange={() =>
                navigate((next) => (state.verifiedOnly ? next.delete('verified') : next.set('verified', '1')))
              }
            />
            Count only skills backed by a verified credential
          </label>
          {activeFilters.map(({ config, value }) => (
            <button
              key={`${config.param}-${value}`}
              type="button"
              onClick={() => toggle(config.param, value)}
              className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-medium text-brand-700 ring-1 ring-brand-100 hover:bg-brand-100"
              aria-label={`Remove filter ${config.title}: ${facetLabel(config.facet, value, skillLabels.get(value))}`}
            >
              {facetLabel(config.facet, value, skillLabels.get(value))} <span aria-hidden="true">✕</span>
            </button>
          ))}
          {activeFilters.length > 0 ? (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => navigate((next) => facetConfig.forEach((config) => next.delete(config.param)))}
            >
              Clear filters
            </Button>
          ) : null}
        </div>
      </div>

      <aside aria-label="Filters" className="order-last space-y-5 lg:order-none" data-testid="facets">
        {facetConfig.map((config) => {
          const values = data?.facets[config.facet] ?? [];
          const selected = state.selected[config.facet];
          return (
            <fieldset key={config.facet} className="space-y-1.5" data-facet={config.facet}>
              <legend className="mb-1 text-sm font-semibold text-slate-800">{config.title}</legend>
              {!data ? (
                <div className="space-y-2">
                  <Skeleton className="h-4 w-40" />
                  <Skeleton className="h-4 w-32" />
                  <Skeleton className="h-4 w-36" />
                </div>
              ) : values.length === 0 && selected.length === 0 ? (
                <p className="text-xs text-slate-500">Nothing to filter on.</p>
              ) : (
                <ul className="max-h-64 space-y-1 overflow-y-auto pr-1">
                  {[
                    ...selected
                      .filter((value) => !values.some((item) => item.value === value))
                      .map((value) => ({ value, count: 0, label: undefined as string | undefined })),
                    ...values,
                  ].map((item) => (
                    <li key={item.value}>
                      <label className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-100">
                        <input
                          type="checkbox"
                          className="accent-brand-600"
                          checked={selected.includes(item.value)}
                          onChange={() => toggle(config.param, item.value)}
                        />
                        <span className="min-w-0 flex-1 truncate">
                          {facetLabel(config.facet, item.value, item.label)}
                        </span>
                        <span
                          data-testid="facet-count"
                          className="tabular-nums text-xs text-slate-500"
                          title={
                            data.facetsApproximate ? 'Estimated from a sample of the matches' : undefined
                          }
                        >
                          {data.facetsApproximate && item.count > 0 ? '≈ ' : ''}
                          {item.count.toLocaleString('en-US')}
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </fieldset>
          );
        })}
      </aside>

      <section aria-labelledby="results-heading" aria-busy={search.isFetching} className="min-w-0 space-y-3">
        <div className="flex min-h-6 flex-wrap items-center justify-between gap-2">
          <h2
            id="results-heading"
            className="text-sm font-medium text-slate-700"
            aria-live="polite"
            data-testid="result-count"
          >
            {data
              ? `${data.total.toLocaleString('en-US')}${data.totalCapped ? '+' : ''} candidate${data.total === 1 && !data.totalCapped ? '' : 's'}`
              : 'Searching…'}
            {search.isFetching && data ? <span className="ml-2 text-slate-400">updating…</span> : null}
          </h2>
        </div>
        {search.error ? <ErrorMessage error={search.error} action="search" /> : null}
        {!data && !search.error ? (
          <div role="status" className="space-y-3">
            <span className="sr-only">Searching…</span>
            {Array.from({ length: 4 }, (_, index) => (
              <Skeleton key={index} className="h-32 w-full" />
            ))}
          </div>
        ) : null}
        {data && data.hits.length === 0 ? (
          <EmptyState title="No candidates match">
            {activeFilters.length > 0 || state.verifiedOnly
              ? 'Try removing a filter, or search with fewer words.'
              : 'Try another skill or a broader word — typos are forgiven, but the skill must be there.'}
          </EmptyState>
        ) : null}
        {data && data.hits.length > 0 ? (
          <ol
            className={cn('space-y-3 transition-opacity', search.isFetching && 'opacity-60')}
            data-testid="search-results"
          >
            {data.hits.map((hit) => (
              <li key={hit.candidateId}>
                <Card className="p-4" data-testid="search-hit">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0">
                      <p className="font-semibold text-slate-900">
                        <Link href={`/recruiter/candidates/${hit.candidateId}`} className="hover:underline">
                          {hit.displayName}
                        </Link>
                      </p>
                      <p className="text-sm text-slate-700">{hit.headline}</p>
                      <p className="text-xs text-slate-500">
                        {hit.location || 'Location not given'} ·{' '}
                        {availabilityText[hit.availability] ?? hit.availability}
                      </p>
                    </div>
                    <div className="text-right text-xs text-slate-600">
                      <p>
                        <span className="font-semibold text-emerald-700">{hit.verifiedSkillCount}</span>{' '}
                        verified skill
                        {hit.verifiedSkillCount === 1 ? '' : 's'}
                      </p>
                      <p>
                        {hit.verifiedCredentialCount} verified /{' '}
                        {hit.verifiedCredentialCount + hit.unverifiedCredentialCount} credentials
                      </p>
                    </div>
                  </div>
                  {hit.matchedSkills.length > 0 ? (
                    <div className="mt-3">
                      <p className="sr-only">Matched skills</p>
                      <ul className="flex flex-wrap gap-1.5" data-testid="matched-skills">
                        {hit.matchedSkills.map((skill) => (
                          <li key={skill.id}>
                            <Badge
                              tone={skill.verified ? 'success' : 'warning'}
                              title={
                                skill.verified
                                  ? 'Backed by a verified credential'
                                  : 'Not backed by a verified credential'
                              }
                            >
                              <span aria-hidden="true">{skill.verified ? '✓' : '○'}</span>
                              <span>
                                {skill.highlight.length > 0
                                  ? skill.highlight.map((segment, index) =>
                                      segment.match ? (
                                        <mark
                                          key={index}
                                          className="rounded-sm bg-yellow-200 px-0.5 text-inherit"
                                        >
                                          {segment.text}
                                        </mark>
                                      ) : (
                                        <span key={index}>{segment.text}</span>
                                      ),
                                    )
                                  : skill.label}
                              </span>
                              <span className="sr-only">
                                {skill.verified ? '(verified)' : '(not verified)'}
                              </span>
                            </Badge>
                          </li>
                        ))}
                      </ul>
                    </div>
                  ) : null}
                  {hit.topSkills.length > 0 ? (
                    <p className="mt-2 text-xs text-slate-600">
                      <span className="font-medium">Strongest: </span>
                      {hit.topSkills.map((skill) => skill.label).join(', ')}
                    </p>
                  ) : null}
                  <div className="mt-3 border-t border-slate-100 pt-3">
                    <ShortlistControl
                      candidateId={hit.candidateId}
                      candidateName={hit.displayName}
                      jobs={openJobs}
                    />
                  </div>
                </Card>
              </li>
            ))}
          </ol>
        ) : null}
        {data && data.totalPages > 1 ? (
          <nav aria-label="Pages" className="flex items-center justify-between gap-3 pt-2">
            <Button
              variant="secondary"
              size="sm"
              disabled={data.page <= 1}
              onClick={() => navigate((next) => next.set('page', String(data.page - 1)), false)}
            >
              ← Previous
            </Button>
            <span className="text-sm text-slate-600" data-testid="page-indicator">
              Page {data.page} of {data.totalPages}
            </span>
            <Button
              variant="secondary"
              size="sm"
              disabled={data.page >= data.totalPages}
              onClick={() => navigate((next) => next.set('page', String(data.page + 1)), false)}
            >
              Next →
            </Button>
          </nav>
        ) : null}
      </section>
    </div>
  );
}
