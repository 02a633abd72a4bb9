import { gapReason } from './explain-gaps';
import { requirementMaxPoints } from './score-candidates';
import type {
  CandidateScore,
  ContributionStatus,
  GapItem,
  MatchKind,
  MatchRoute,
  SkillContribution,
} from './types';

/**
 * The ranking list on the wire: what is the same for every candidate (the job's requirements, the match routes
 * used, the taxonomy labels) is sent once, and each candidate carries one small cell per requirement. It holds
 * exactly what a `CandidateScore` without per-credential evidence and its `GapItem`s without "closing the gap"
 * hold; `decodeRankedCandidate` rebuilds those objects (a unit test asserts the round trip on real scores).
 *
 * Why: the per-candidate objects repeated the requirement labels, weights and route paths 20 × 20 times per page,
 * and serializing them (superjson, JSON, the socket) cost more server CPU than ranking 100 k candidates.
 */
export interface RankingListRequirement {
  skillId: string;
  /** The job's label for the requirement. */
  label: string;
  importance: number;
  mustHave: boolean;
  maxPoints: number;
}

/** A route from a required skill to a candidate skill (see `MatchRoute`), shared by every cell that used it. */
export interface RankingListRoute {
  skillId: string;
  kind: MatchKind;
  factor: number;
  path: string[];
}

/** A candidate's answer to one requirement, index-aligned with `RankingListEncoding.requirements`. */
export interface RankingListCell {
  status: ContributionStatus;
  points: number;
  /** Index into `routes` of the candidate skill used; absent when the requirement is missing. */
  route?: number;
  /** Strength of that candidate skill (0..STRENGTH_SCALE); absent when missing. */
  strength?: number;
  belowMinLevel?: true;
  outsideRecencyWindow?: true;
  /** For a partial match: the credentials that evidence the skill held instead (the gap's evidence). */
  evidence?: GapItem['evidence'];
}

export interface RankingListEntry {
  candidateId: string;
  points: number;
  cells: RankingListCell[];
}

export interface RankingListEncoding {
  /** Points a candidate could score at most (the same for every candidate of the job). */
  maxPoints: number;
  requirements: RankingListRequirement[];
  routes: RankingListRoute[];
  /** Taxonomy labels of every skill a route names (its candidate skill and every step of its path). */
  labels: Record<string, string>;
}

/** Decoded candidate: the score without per-credential evidence, the gaps without "closing the gap". */
export interface DecodedRankedCandidate {
  score: Omit<CandidateScore, 'contributions'> & { contributions: Omit<SkillContribution, 'evidence'>[] };
  gaps: Omit<GapItem, 'closingTheGap'>[];
}

/**
 * Encodes scored candidates of one job (all scored against the same requirements) and their gaps.
 *
 * @param requirements the job's requirements, in the order the scores' contributions follow.
 * @param scored each candidate's score and gap list (from `scoreCandidate` and `explainGaps`).
 * @param labelOf taxonomy label lookup (the same one the scores were built with).
 */
export function encodeRankingList(
  requirements: readonly { skillId: string; label: string; importance: number; mustHave: boolean }[],
  scored: readonly { score: CandidateScore; gaps: readonly GapItem[] }[],
  labelOf: (skillId: string) => string,
): RankingListEncoding & { entries: RankingListEntry[] } {
  const routes: RankingListRoute[] = [];
  const routeIndex = new Map<string, number>();
  const labels: Record<string, string> = {};
  const routeOf = (requirement: number, via: MatchRoute): number => {
    const key = `${requirement}\u0000${via.skillId}\u0000${via.kind}\u0000${via.factor}\u0000${via.path.join('\u0001')}`;
    let at = routeIndex.get(key);
    if (at === undefined) {
      at = routes.length;
      routes.push({ skillId: via.skillId, kind: via.kind, factor: via.factor, path: [...via.path] });
      routeIndex.set(key, at);
      for (const id of [via.skillId, ...via.path]) labels[id] ??= labelOf(id);
    }
    return at;
  };
  let maxPoints = 0;
  const encodedRequirements = requirements.map((r) => {
    const max = requirementMaxPoints(r);
    maxPoints += max;
    return {
      skillId: r.skillId,
      label: r.label,
      importance: r.importance,
      mustHave: r.mustHave,
      maxPoints: max,
    };
  });
  const entries = scored.map(({ score, gaps }) => {
    if (score.contributions.length !== requirements.length)
      throw new Error('encodeRankingList: a score does not follow the requirements');
    const gapBySkill = new Map(gaps.map((g) => [g.skillId, g]));
    const cells = score.contributions.map((c, i): RankingListCell => {
      const cell: RankingListCell = { status: c.status, points: c.points };
      if (c.via) {
        cell.route = routeOf(i, c.via);
        cell.strength = c.via.strength;
      }
      if (c.belowMinLevel) cell.belowMinLevel = true;
      if (c.outsideRecencyWindow) cell.outsideRecencyWindow = true;
      const gap = gapBySkill.get(c.skillId);
      if (gap && gap.evidence.length > 0) cell.evidence = gap.evidence.map((e) => ({ ...e }));
      return cell;
    });
    return { candidateId: score.candidateId, points: score.points, cells };
  });
  return { maxPoints, requirements: encodedRequirements, routes, labels, entries };
}

/**
 * Rebuilds a candidate's score and gap list from the list encoding: the same objects `scoreCandidate` and
 * `explainGaps` produced, less per-credential evidence of matched skills and "closing the gap" (sent once per
 * list, by skill).
 */
export function decodeRankedCandidate(
  list: RankingListEncoding,
  entry: RankingListEntry,
): DecodedRankedCandidate {
  const missingMustHaves: string[] = [];
  const contributions: Omit<SkillContribution, 'evidence'>[] = [];
  const gaps: Omit<GapItem, 'closingTheGap'>[] = [];
  list.requirements.forEach((req, i) => {
    const cell = entry.cells[i];
    const route = cell.route === undefined ? null : list.routes[cell.route];
    const via = route
      ? {
          skillId: route.skillId,
          kind: route.kind,
          factor: route.factor,
          path: route.path,
          label: list.labels[route.skillId] ?? route.skillId,
          strength: cell.strength ?? 0,
        }
      : null;
    const contribution = {
      skillId: req.skillId,
      label: req.label,
      importance: req.importance,
      mustHave: req.mustHave,
      status: cell.status,
      points: cell.points,
      maxPoints: req.maxPoints,
      via,
      belowMinLevel: cell.belowMinLevel === true,
      outsideRecencyWindow: cell.outsideRecencyWindow === true,
    };
    contributions.push(contribution);
    if (req.mustHave && cell.status !== 'matched') missingMustHaves.push(req.skillId);
    if (cell.status === 'matched') return;
    gaps.push({
      skillId: req.skillId,
      label: req.label,
      status: cell.status === 'missing' ? 'missing' : 'partial',
      mustHave: req.mustHave,
      instead: via
        ? {
            skillId: via.skillId,
            label: via.label,
            kind: via.kind,
            path: via.path.map((id) => ({ id, label: list.labels[id] ?? id })),
          }
        : null,
      evidence: cell.evidence ?? [],
      reason: gapReason(contribution),
    });
  });
  return {
    score: {
      candidateId: entry.candidateId,
      points: entry.points,
      maxPoints: list.maxPoints,
      score: list.maxPoints > 0 ? entry.points / list.maxPoints : 0,
      mustHavesMet: missingMustHaves.length === 0,
      missingMustHaves,
      contributions,
    },
    gaps,
  };
}

/** Every candidate of a list, decoded (`decodeRankedCandidate`), with the list's own fields kept. */
export function decodeRankingList<C extends RankingListEntry>(
  list: RankingListEncoding & { candidates: readonly C[] },
): (C & DecodedRankedCandidate)[] {
  return list.candidates.map((entry) => ({ ...entry, ...decodeRankedCandidate(list, entry) }));
}
