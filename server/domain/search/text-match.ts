import type { CandidateSearchDocument } from './search-document';
import type { HighlightSegment, MatchedSkill, NormalizedSearchQuery } from './search-query';

/** Words of a query or label: lower-cased, diacritics stripped, letters and digits only. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * How many typos a query word may contain and still match, as recruiters know it from Meilisearch's
 * defaults: none below 5 letters (short words and acronyms must be exact), one up to 8, two from 9.
 */
export function allowedTypos(word: string): number {
  if (word.length >= 9) return 2;
  if (word.length >= 5) return 1;
  return 0;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so "pyhton" is one typo from
 * "python"), stopping early once it exceeds `max`.
 */
export function typoDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (max < Number.POSITIVE_INFINITY && letterCountBound(a, b) > max) return max + 1;
  // three rolling rows (two back, for transpositions): this runs for every word of every highlighted label
  let twoBack = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, twoBack[j - 2] + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [twoBack, previous, current] = [previous, current, twoBack];
  }
  return previous[b.length];
}

const letterCounts = new Int32Array(128);

/**
 * A lower bound of the typo distance from letter counts: an edit changes them by at most two (a substitution
 * takes one letter away and adds another; a transposition none), so half their difference is a bound. Most
 * words of a label are rejected by it without filling a table. No bound (0) for non-ASCII words.
 */
function letterCountBound(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) >= 128) return 0;
  for (let i = 0; i < b.length; i++) if (b.charCodeAt(i) >= 128) return 0;
  for (let i = 0; i < a.length; i++) letterCounts[a.charCodeAt(i)]++;
  for (let i = 0; i < b.length; i++) letterCounts[b.charCodeAt(i)]--;
  let difference = 0;
  for (let i = 0; i < a.length; i++) {
    difference += Math.abs(letterCounts[a.charCodeAt(i)]);
    letterCounts[a.charCodeAt(i)] = 0;
  }
  for (let i = 0; i < b.length; i++) {
    difference += Math.abs(letterCounts[b.charCodeAt(i)]);
    letterCounts[b.charCodeAt(i)] = 0;
  }
  return Math.ceil(difference / 2);
}

/**
 * True when a document word satisfies a query word: equal, a prefix of it (the last query word while the
 * recruiter is still typing, or any word of 3+ letters), or within the allowed typos — also against the
 * same-length prefix, so "kubernets" still finds "kubernetes".
 */
export function wordMatches(queryWord: string, documentWord: string, isLast = true): boolean {
  if (queryWord === documentWord) return true;
  if ((isLast || queryWord.length >= 3) && documentWord.startsWith(queryWord)) return true;
  const typos = allowedTypos(queryWord);
  if (typos === 0) return false;
  if (typoDistance(queryWord, documentWord, typos) <= typos) return true;
  if (documentWord.length > queryWord.length) {
    return typoDistance(queryWord, documentWord.slice(0, queryWord.length), typos) <= typos;
  }
  return false;
}

/**
 * Whether a word of a label, as written, matches any of the query words; answers are remembered, since a page
 * of hits repeats the same label words many times.
 */
export function labelWordMatcher(queryWords: readonly string[]): (word: string) => boolean {
  const known = new Map<string, boolean>();
  return (word) => {
    let hit = known.get(word);
    if (hit === undefined) {
      const [normalized] = /^[a-z0-9]+$/i.test(word) ? [word.toLowerCase()] : searchWords(word);
      hit =
        normalized !== undefined &&
        queryWords.some((queryWord, i) => wordMatches(queryWord, normalized, i === queryWords.length - 1));
      known.set(word, hit);
    }
    return hit;
  };
}

/** Splits a label into highlighted segments where any of the query words match one of its words. */
export function highlightText(
  text: string,
  queryWords: readonly string[],
  matches: (word: string) => boolean = labelWordMatcher(queryWords),
): HighlightSegment[] {
  if (queryWords.length === 0) return [{ text, match: false }];
  const segments: HighlightSegment[] = [];
  const wordRe = /[\p{L}\p{N}]+/gu;
  let cursor = 0;
  for (const found of text.matchAll(wordRe)) {
    const start = found.index ?? 0;
    if (!matches(found[0])) continue;
    if (start > cursor) segments.push({ text: text.slice(cursor, start), match: false });
    segments.push({ text: found[0], match: true });
    cursor = start + found[0].length;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), match: false });
  return segments.length ? segments : [{ text, match: false }];
}

/**
 * The skills of a hit worth showing the recruiter, highlighted: those whose preferred or alternative label
 * the query text matched, and those satisfying a skill filter (the filter may name a broader skill: each
 * skill carries its ancestors). Computed here so every engine highlights identically.
 */
export function matchedSkillsOf(
  document: CandidateSearchDocument,
  query: Pick<NormalizedSearchQuery, 'text' | 'filters'>,
): MatchedSkill[] {
  return skillHighlighter(query)(document);
}

/** {@link matchedSkillsOf} for every hit of one page: hits share skills, so each label is matched once. */
export function skillHighlighter(
  query: Pick<NormalizedSearchQuery, 'text' | 'filters'>,
): (document: CandidateSearchDocument) => MatchedSkill[] {
  const queryWords = searchWords(query.text);
  const matches = labelWordMatcher(queryWords);
  // hits share skills, and so labels: each label is split and matched once per page
  const highlighted = new Map<string, HighlightSegment[]>();
  const highlightOf = (label: string) => {
    let segments = highlighted.get(label);
    if (!segments) highlighted.set(label, (segments = highlightText(label, queryWords, matches)));
    return segments;
  };
  const filterIds = new Set([...query.filters.skillsAll, ...query.filters.skillsAny]);
  return (document) => {
    const matched: MatchedSkill[] = [];
    for (const skill of document.skills) {
      const matchedBy: MatchedSkill['matchedBy'] = [];
      let highlight: HighlightSegment[] = [{ text: skill.label, match: false }];
      if (queryWords.length) {
        for (const label of [skill.label, ...skill.altLabels]) {
          const segments = highlightOf(label);
          if (segments.some((segment) => segment.match)) {
            matchedBy.push('text');
            highlight =
              label === skill.label
                ? segments
                : [{ text: `${skill.label} (`, match: false }, ...segments, { text: ')', match: false }];
            break;
          }
        }
      }
      if (filterIds.size && (!query.filters.verifiedSkillsOnly || skill.verified)) {
        const lineage = [skill.id, ...skill.ancestorIds];
        if (lineage.some((id) => filterIds.has(id))) matchedBy.push('filter');
      }
      if (matchedBy.length) {
        matched.push({
          id: skill.id,
          label: skill.label,
          verified: skill.verified,
          strength: skill.strength,
          matchedBy,
          highlight,
        });
      }
    }
    return matched;
  };
}
