import type { JobRequirement, MatchKind, MatchRoute, SkillLevel, TaxonomyView } from './types';
import { STRENGTH_SCALE } from './skill-strength';

/** Credit factors in percent. A narrower skill fully satisfies a broader requirement. */
export const MATCH_FACTOR: Readonly<Record<MatchKind, number>> = {
  exact: 100,
  narrower: 100,
  related_essential: 60,
  broader: 50,
  sibling: 40,
  related_optional: 30,
};
/** Full-credit kinds: the only ones that can meet a must-have. */
export const FULL_MATCH_KINDS: ReadonlySet<MatchKind> = new Set(['exact', 'narrower']);
/** How deep narrower skills are followed below a required skill. */
export const MAX_NARROWER_DEPTH = 4;
/**
 * Siblings under a parent with more children than this are not offered: in ESCO a skill group can hold hundreds of
 * skills, and "shares a group with the required skill" says little while multiplying the postings a ranking reads.
 */
export const MAX_SIBLING_FANOUT = 40;
/** Order used to break ties between routes of equal credit (earlier wins). */
const KIND_ORDER: readonly MatchKind[] = [
  'exact',
  'narrower',
  'related_essential',
  'broader',
  'sibling',
  'related_optional',
];

/** Minimum strength (0..STRENGTH_SCALE) for each job minimum level. */
export const LEVEL_THRESHOLD: Readonly<Record<SkillLevel, number>> = {
  basic: 1,
  intermediate: Math.round(0.4 * STRENGTH_SCALE),
  advanced: Math.round(0.65 * STRENGTH_SCALE),
  expert: Math.round(0.85 * STRENGTH_SCALE),
};
/** Average month length used for recency windows. */
export const DAYS_PER_MONTH = 30.44;

export function levelThreshold(level: SkillLevel | null): number {
  return level ? LEVEL_THRESHOLD[level] : 1;
}

/** Oldest evidence day (inclusive) accepted by a requirement's recency window, or null for no window. */
export function recencyCutoffDay(requirement: JobRequirement, asOfDay: number): number | null {
  if (requirement.recencyMonths === null) return null;
  return asOfDay - Math.round(requirement.recencyMonths * DAYS_PER_MONTH);
}

function better(a: MatchRoute, b: MatchRoute): boolean {
  if (a.factor !== b.factor) return a.factor > b.factor;
  const ka = KIND_ORDER.indexOf(a.kind);
  const kb = KIND_ORDER.indexOf(b.kind);
  if (ka !== kb) return ka < kb;
  if (a.path.length !== b.path.length) return a.path.length < b.path.length;
  return a.path.join('\u0000') < b.path.join('\u0000');
}

/**
 * Every candidate skill that can answer `skillId`, with its credit factor and the taxonomy path, one route per
 * skill (the best one), sorted by skill id. Without partial credit only the exact skill and its narrower skills
 * count; with it, direct broader skills, siblings (children of a direct broader skill with at most
 * MAX_SIBLING_FANOUT children) and related skills
 * (either direction) give partial credit. Deterministic for a given taxonomy.
 */
export function expandRequirement(
  skillId: string,
  taxonomy: TaxonomyView,
  partialCredit: boolean,
): MatchRoute[] {
  const best = new Map<string, MatchRoute>();
  const offer = (route: MatchRoute) => {
    const prev = best.get(route.skillId);
    if (!prev || better(route, prev)) best.set(route.skillId, route);
  };
  offer({
    skillId,
    kind: 'exact',
    factor: MATCH_FACTOR.exact,
    path: [skillId],
  });
  let frontier: string[][] = [[skillId]];
  for (let depth = 1; depth <= MAX_NARROWER_DEPTH && frontier.length > 0; depth++) {
    const next: string[][] = [];
    for (const path of frontier) {
      for (const child of [...taxonomy.narrowerOf(path[path.length - 1])].sort()) {
        if (path.includes(child) || best.has(child)) continue;
        const childPath = [...path, child];
        offer({
          skillId: child,
          kind: 'narrower',
          factor: MATCH_FACTOR.narrower,
          path: childPath,
        });
        next.push(childPath);
      }
    }
    frontier = next;
  }
  if (partialCredit) {
    for (const parent of [...taxonomy.broaderOf(skillId)].sort()) {
      offer({
        skillId: parent,
        kind: 'broader',
        factor: MATCH_FACTOR.broader,
        path: [skillId, parent],
      });
      const siblings = taxonomy.narrowerOf(parent);
      if (siblings.length > MAX_SIBLING_FANOUT) continue;
      for (const sibling of [...siblings].sort()) {
        if (sibling === skillId) continue;
        offer({
          skillId: sibling,
          kind: 'sibling',
          factor: MATCH_FACTOR.sibling,
          path: [skillId, parent, sibling],
        });
      }
    }
    for (const rel of taxonomy.relatedOf(skillId)) {
      const kind: MatchKind = rel.relation === 'essential' ? 'related_essential' : 'related_optional';
      offer({
        skillId: rel.id,
        kind,
        factor: MATCH_FACTOR[kind],
        path: [skillId, rel.id],
      });
    }
  }
  return [...best.values()].sort((a, b) => (a.skillId < b.skillId ? -1 : a.skillId > b.skillId ? 1 : 0));
}

/** Expands every requirement of a job (index i ↔ requirements[i]). */
export function expandJob(
  requirements: readonly JobRequirement[],
  taxonomy: TaxonomyView,
  partialCredit: boolean,
): MatchRoute[][] {
  return requirements.map((r) => expandRequirement(r.skillId, taxonomy, partialCredit));
}

/** Orders two routes for tie-breaking between equal credit values (true when a should be preferred). */
export function preferRoute(a: MatchRoute, b: MatchRoute): boolean {
  return better(a, b);
}

/** A TaxonomyView over plain maps, e.g. from `loadTaxonomyGraph`. Narrower links are derived by inverting broader. */
export function taxonomyFromMaps(input: {
  broader: ReadonlyMap<string, readonly string[]>;
  related?: ReadonlyMap<string, readonly { id: string; relation: 'essential' | 'optional' }[]>;
  labels?: ReadonlyMap<string, string>;
}): TaxonomyView {
  const narrower = new Map<string, string[]>();
  for (const [child, parents] of input.broader) {
    for (const parent of parents) {
      let list = narrower.get(parent);
      if (!list) narrower.set(parent, (list = []));
      list.push(child);
    }
  }
  const related = new Map<string, { id: string; relation: 'essential' | 'optional' }[]>();
  const addRel = (a: string, b: string, relation: 'essential' | 'optional') => {
    let list = related.get(a);
    if (!list) related.set(a, (list = []));
    const existing = list.find((r) => r.id === b);
    if (!existing) list.push({ id: b, relation });
    else if (relation === 'essential') existing.relation = 'essential';
  };
  for (const [from, rels] of input.related ?? new Map()) {
    for (const rel of rels) {
      addRel(from, rel.id, rel.relation);
      addRel(rel.id, from, rel.relation);
    }
  }
  for (const list of related.values()) list.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const empty: readonly never[] = [];
  return {
    broaderOf: (id) => input.broader.get(id) ?? empty,
    narrowerOf: (id) => narrower.get(id) ?? empty,
    relatedOf: (id) => related.get(id) ?? empty,
    labelOf: (id) => input.labels?.get(id) ?? id,
  };
}
