import { tokenize } from './normalize';
import { readRequirementCue, segmentDescription, type RequirementStrength } from './requirement-cues';
import { matchTokens, type SkillIndex } from './skill-index';

/** A skill proposed for a job, which the hiring manager then edits. */
export interface ProposedJobSkill {
  skillId: string;
  label: string;
  /** 0..1: must-have mentions weigh most, "nice to have" least; repeated mentions add a little. */
  importance: number;
  mustHave: boolean;
  /** "3+ years" when a number of years is asked for, else a level word ("advanced"…), if any. */
  minLevel?: string;
  /** The sentence (trimmed) the strongest mention came from. */
  evidence: string;
  /** Match confidence of the strongest mention. */
  confidence: number;
}

const STRENGTH_WEIGHT: Record<RequirementStrength, number> = { must: 1, neutral: 0.6, nice: 0.3 };

/**
 * "Northwind Engineering is hiring", "Design and build APIs", "model data": one word naming a top-level
 * category of the taxonomy, in a sentence that asks for nothing. Such a category is only proposed when a
 * requirement is stated ("an engineering degree is required") or named in more words ("cloud computing").
 */
function isBareUmbrella(index: SkillIndex, skillId: string, span: string): boolean {
  const position = index.byId.get(skillId);
  if (position === undefined || !index.entries[position].umbrella) return false;
  return span.trim().split(/\s+/).length === 1;
}

/**
 * Proposes the required skills of a job description: every taxonomy label found (same matcher as
 * for credentials), with a requirement strength read from its sentence and section ("must",
 * "3+ years" → must-have; "nice to have", "bonus", "preferred" → optional). Pure: the label index is
 * passed in. Results are sorted by importance, then by first appearance.
 */
export function extractJobSkills(text: string, index: SkillIndex): ProposedJobSkill[] {
  const found = new Map<string, ProposedJobSkill & { mentions: number; order: number }>();
  let order = 0;
  for (const seg of segmentDescription(text)) {
    const tokens = tokenize(seg.text);
    if (tokens.length === 0) continue;
    const matches = matchTokens(index, seg.text, tokens);
    if (matches.length === 0) continue;
    const cue = readRequirementCue(seg.text, seg.section);
    const strength: RequirementStrength = cue.strength === 'neutral' ? seg.section : cue.strength;
    const minLevel = cue.minYears !== undefined ? `${cue.minYears}+ years` : cue.level;
    for (const m of matches) {
      if (strength === 'neutral' && isBareUmbrella(index, m.skillId, m.span)) continue;
      const importance = STRENGTH_WEIGHT[strength] * (0.75 + 0.25 * m.confidence);
      const prev = found.get(m.skillId);
      const evidence = seg.text.trim().slice(0, 300);
      if (!prev) {
        found.set(m.skillId, {
          skillId: m.skillId,
          label: m.label,
          importance,
          mustHave: strength === 'must',
          ...(minLevel ? { minLevel } : {}),
          evidence,
          confidence: m.confidence,
          mentions: 1,
          order: order++,
        });
      } else {
        prev.mentions++;
        if (importance > prev.importance) {
          prev.importance = importance;
          prev.evidence = evidence;
          prev.confidence = Math.max(prev.confidence, m.confidence);
        }
        if (strength === 'must') prev.mustHave = true;
        if (minLevel && !prev.minLevel) prev.minLevel = minLevel;
      }
    }
  }
  return [...found.values()]
    .map(({ mentions, order: o, ...rest }) => ({
      ...rest,
      importance: Math.round(Math.min(1, rest.importance + 0.05 * (mentions - 1)) * 1000) / 1000,
      o,
    }))
    .sort((a, b) => b.importance - a.importance || a.o - b.o)
    .map(({ o: _o, ...rest }) => rest);
}
