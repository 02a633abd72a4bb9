import { FULL_MATCH_KINDS, expandJob, levelThreshold, preferRoute, recencyCutoffDay } from './match-routes';
import { STRENGTH_SCALE } from './skill-strength';
import { TopK } from './top-k';
import type {
  CandidateProfile,
  CandidateScore,
  JobRequirement,
  JobSpec,
  MatchRoute,
  RankOptions,
  SkillContribution,
  SkillStrength,
  TaxonomyView,
} from './types';

/** Most must-have requirements a job may have (the ranking index keeps them in a 32-bit mask). */
export const MAX_MUST_HAVES = 31;
/** Most requirements a job may have. */
export const MAX_REQUIREMENTS = 60;

/** Points one requirement can contribute at most: importance × 100 % × full strength. */
export function requirementMaxPoints(requirement: Pick<JobRequirement, 'importance'>): number {
  return requirement.importance * 100 * STRENGTH_SCALE;
}

function usable(
  skill: SkillStrength | undefined,
  options: RankOptions,
  cutoff: number | null,
): { strength: number; stale: boolean } {
  if (!skill) return { strength: 0, stale: false };
  const strength = options.verifiedOnly ? skill.verifiedStrength : skill.strength;
  if (strength <= 0) return { strength: 0, stale: false };
  if (cutoff !== null) {
    const day = options.verifiedOnly ? skill.lastVerifiedDay : skill.lastEvidenceDay;
    if (day === null || day < cutoff) return { strength: 0, stale: true };
  }
  return { strength, stale: false };
}

/**
 * Scores one candidate against a job. Each requirement's credit is the best (credit factor × strength) over the
 * candidate skills that answer it; the candidate's points are Σ importance × credit, all integers, so the
 * per-skill contributions sum exactly to the score (`score = points / maxPoints`).
 * A requirement is 'matched' when the candidate holds the skill itself or a narrower one at the minimum level
 * within the recency window; only such a match meets a must-have.
 *
 * @param routes expansion of each requirement (from `expandJob`), index-aligned with `job.requirements`.
 */
export function scoreCandidate(
  job: JobSpec,
  routes: readonly MatchRoute[][],
  profile: CandidateProfile,
  taxonomy: TaxonomyView,
  options: RankOptions,
): CandidateScore {
  const contributions: SkillContribution[] = [];
  const missingMustHaves: string[] = [];
  let points = 0;
  let maxPoints = 0;
  job.requirements.forEach((req, i) => {
    const cutoff = recencyCutoffDay(req, options.asOfDay);
    const threshold = levelThreshold(req.minLevel);
    let best: {
      route: MatchRoute;
      value: number;
      strength: number;
      skill: SkillStrength;
    } | null = null;
    let fullAtLevel = false;
    let fullBelowLevel = false;
    let staleFull = false;
    for (const route of routes[i]) {
      const skill = profile.skills.get(route.skillId);
      const { strength, stale } = usable(skill, options, cutoff);
      if (stale && FULL_MATCH_KINDS.has(route.kind)) staleFull = true;
      if (strength <= 0 || !skill) continue;
      if (FULL_MATCH_KINDS.has(route.kind)) {
        if (strength >= threshold) fullAtLevel = true;
        else fullBelowLevel = true;
      }
      const value = route.factor * strength;
      if (!best || value > best.value || (value === best.value && preferRoute(route, best.route))) {
        best = { route, value, strength, skill };
      }
    }
    const reqMax = requirementMaxPoints(req);
    const reqPoints = best ? req.importance * best.value : 0;
    points += reqPoints;
    maxPoints += reqMax;
    if (req.mustHave && !fullAtLevel) missingMustHaves.push(req.skillId);
    contributions.push({
      skillId: req.skillId,
      label: req.label,
      importance: req.importance,
      mustHave: req.mustHave,
      status: fullAtLevel ? 'matched' : best ? 'partial' : 'missing',
      points: reqPoints,
      maxPoints: reqMax,
      via: best
        ? {
            ...best.route,
            label: taxonomy.labelOf(best.route.skillId),
            strength: best.strength,
          }
        : null,
      evidence: best
        ? best.skill.evidence.filter((e) =>
            options.verifiedOnly ? e.status === 'verified' && e.value > 0 : true,
          )
        : [],
      belowMinLevel: !fullAtLevel && fullBelowLevel,
      outsideRecencyWindow: !fullAtLevel && staleFull,
    });
  });
  return {
    candidateId: profile.candidateId,
    points,
    maxPoints,
    score: maxPoints > 0 ? points / maxPoints : 0,
    mustHavesMet: missingMustHaves.length === 0,
    missingMustHaves,
    contributions,
  };
}

/** Ranking order: more points first, then candidate id ascending — a strict total order, so ties are stable. */
export function rankBefore(
  a: { points: number; candidateId: string },
  b: { points: number; candidateId: string },
) {
  if (a.points !== b.points) return a.points > b.points;
  return a.candidateId < b.candidateId;
}

export interface RankCandidatesOptions extends RankOptions {
  /** Keep only candidates meeting every must-have (hard filter). */
  mustHavesOnly: boolean;
  /** How many to return. */
  limit: number;
}

/**
 * Ranks candidate profiles against a job: best first, ties broken by candidate id, candidates with no credit at
 * all left out. This is the reference implementation that the ranking index and the SQL path must agree with.
 */
export function rankCandidates(
  job: JobSpec,
  profiles: Iterable<CandidateProfile>,
  taxonomy: TaxonomyView,
  options: RankCandidatesOptions,
): CandidateScore[] {
  const routes = expandJob(job.requirements, taxonomy, options.partialCredit);
  const top = new TopK<CandidateScore>(options.limit, rankBefore);
  for (const profile of profiles) {
    const scored = scoreCandidate(job, routes, profile, taxonomy, options);
    if (scored.points <= 0) continue;
    if (options.mustHavesOnly && !scored.mustHavesMet) continue;
    top.offer(scored);
  }
  return top.sorted();
}
