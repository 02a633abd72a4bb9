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
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, rows[i - 2][j - 2] + 1);
      }
      rows[i][j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
  }
  return rows[a.length][b.length];
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

/** Splits a label into highlighted segments where any of the query words match one of its words. */
export function highlightText(text: string, queryWords: readonly string[]): HighlightSegment[] {
  if (queryWords.length === 0) return [{ text, match: false }];
  const segments: HighlightSegment[] = [];
  const wordRe = /[\p{L}\p{N}]+/gu;
  let cursor = 0;
  for (const found of text.matchAll(wordRe)) {
    const start = found.index ?? 0;
    const [normalized] = searchWords(found[0]);
    const hit =
      normalized !== undefined &&
      queryWords.some((word, i) => wordMatches(word, normalized, i === queryWords.length - 1));
    if (!hit) continue;
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
  const queryWords = searchWords(query.text);
  const filterIds = new Set([...query.filters.skillsAll, ...query.filters.skillsAny]);
  const matched: MatchedSkill[] = [];
  for (const skill of document.skills) {
    const matchedBy: MatchedSkill['matchedBy'] = [];
    let highlight: HighlightSegment[] = [{ text: skill.label, match: false }];
    if (queryWords.length) {
      for (const label of [skill.label, ...skill.altLabels]) {
        const segments = highlightText(label, queryWords);
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
}
