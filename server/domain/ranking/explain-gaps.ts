import type {
  CandidateScore,
  GapItem,
  KnownAchievement,
  MatchKind,
  SkillContribution,
  TaxonomyView,
} from './types';

const KIND_PHRASE: Readonly<Record<MatchKind, string>> = {
  exact: 'holds this skill',
  narrower: 'holds a more specific skill',
  broader: 'holds a broader skill',
  sibling: 'holds a sibling skill (same parent)',
  related_essential: 'holds an essential related skill',
  related_optional: 'holds an optional related skill',
};

/**
 * The gap list of a scored candidate: for every requirement not fully matched, what was required, what the
 * candidate has instead (with the taxonomy path and the credentials that evidence it) and the achievements known to
 * the system that certify the missing skill ("closing the gap"). Order follows the job's requirement order.
 *
 * @param catalog achievements by skill id, as found in ingested verified credentials.
 * @param maxSuggestions how many achievements to suggest per gap.
 */
export function explainGaps(
  scored: CandidateScore,
  taxonomy: TaxonomyView,
  catalog: ReadonlyMap<string, readonly KnownAchievement[]>,
  maxSuggestions = 5,
): GapItem[] {
  const gaps: GapItem[] = [];
  for (const c of scored.contributions) {
    if (c.status === 'matched') continue;
    const reason = gapReason(c);
    gaps.push({
      skillId: c.skillId,
      label: c.label,
      status: c.status === 'missing' ? 'missing' : 'partial',
      mustHave: c.mustHave,
      instead: c.via
        ? {
            skillId: c.via.skillId,
            label: c.via.label,
            kind: c.via.kind,
            path: c.via.path.map((id) => ({ id, label: taxonomy.labelOf(id) })),
          }
        : null,
      evidence: c.evidence
        .filter((e) => e.value > 0)
        .map((e) => ({
          credentialId: e.credentialId,
          achievementName: e.achievementName,
          issuerName: e.issuerName,
        })),
      reason,
      closingTheGap: closingTheGap(c.skillId, catalog, maxSuggestions),
    });
  }
  return gaps;
}

/** Why a requirement is not fully matched, in words (the gap's `reason`). */
export function gapReason(
  c: Pick<SkillContribution, 'belowMinLevel' | 'outsideRecencyWindow'> & {
    via: { kind: MatchKind; factor: number } | null;
  },
): string {
  if (c.belowMinLevel) return 'holds the skill, but below the minimum level required';
  if (c.outsideRecencyWindow) return 'holds the skill, but the evidence is older than the recency window';
  if (c.via) return `${KIND_PHRASE[c.via.kind]}: ${c.via.factor}% credit`;
  return 'no evidence of this skill or a related one';
}

/**
 * Achievements that certify `skillId`, most held first, then by name and issuer — the micro-credentials a
 * candidate could earn to close the gap.
 */
export function closingTheGap(
  skillId: string,
  catalog: ReadonlyMap<string, readonly KnownAchievement[]>,
  max = 5,
): KnownAchievement[] {
  return [...(catalog.get(skillId) ?? [])]
    .sort(
      (a, b) =>
        b.holders - a.holders ||
        a.achievementName.localeCompare(b.achievementName) ||
        String(a.issuerName).localeCompare(String(b.issuerName)),
    )
    .slice(0, max);
}
