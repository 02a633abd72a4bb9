import { describe, expect, it } from 'vitest';
import {
  allowedTypos,
  highlightText,
  matchedSkillsOf,
  searchWords,
  typoDistance,
  wordMatches,
} from '@/server/domain/search/text-match';
import { normalizeSearchQuery } from '@/server/domain/search/search-query';
import type { CandidateSearchDocument } from '@/server/domain/search/search-document';

describe('typo tolerance', () => {
  it('counts a transposition as one typo', () => {
    expect(typoDistance('pyhton', 'python')).toBe(1);
    expect(typoDistance('kubernets', 'kubernetes')).toBe(1);
    expect(typoDistance('java', 'lava')).toBe(1);
    expect(typoDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('agrees with the full optimal-string-alignment table on random words', () => {
    const reference = (a: string, b: string) => {
      const d = Array.from({ length: a.length + 1 }, (_, i) =>
        Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
      );
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i][j] = Math.min(
            d[i - 1][j] + 1,
            d[i][j - 1] + 1,
            d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
          }
        }
      }
      return d[a.length][b.length];
    };
    let seed = 7;
    const letter = () => 'abcd'[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % 4];
    const word = () => Array.from({ length: 1 + (seed % 9) }, letter).join('');
    for (let n = 0; n < 500; n++) {
      const [a, b] = [word(), word()];
      expect(typoDistance(a, b)).toBe(reference(a, b));
      expect(Math.min(typoDistance(a, b, 2), 3)).toBe(Math.min(reference(a, b), 3));
    }
  });

  it('allows no typo in short words, one from 5 letters and two from 9', () => {
    expect(allowedTypos('java')).toBe(0);
    expect(allowedTypos('react')).toBe(1);
    expect(allowedTypos('terraform')).toBe(2);
  });

  it('matches exact words, prefixes and near misses but not short look-alikes', () => {
    expect(wordMatches('pyhton', 'python')).toBe(true);
    expect(wordMatches('kuber', 'kubernetes')).toBe(true);
    expect(wordMatches('kubernets', 'kubernetes', false)).toBe(true);
    expect(wordMatches('java', 'lava')).toBe(false);
    expect(wordMatches('go', 'golang', false)).toBe(false);
  });

  it('normalizes words: case, diacritics and punctuation', () => {
    expect(searchWords('Café Node.js  C++')).toEqual(['cafe', 'node', 'js', 'c']);
  });
});

describe('highlighting', () => {
  it('marks the matched words of a label', () => {
    expect(highlightText('Machine learning', ['lerning'])).toEqual([
      { text: 'Machine ', match: false },
      { text: 'learning', match: true },
    ]);
    expect(highlightText('SQL', ['python'])).toEqual([{ text: 'SQL', match: false }]);
  });

  const document = {
    skills: [
      {
        id: 's:python',
        label: 'Python',
        altLabels: [],
        ancestorIds: ['s:languages'],
        strength: 1,
        verified: true,
      },
      {
        id: 's:js',
        label: 'JavaScript',
        altLabels: ['ECMAScript'],
        ancestorIds: ['s:languages'],
        strength: 0.4,
        verified: false,
      },
      { id: 's:sql', label: 'SQL', altLabels: [], ancestorIds: ['s:data'], strength: 1, verified: true },
    ],
  } as unknown as CandidateSearchDocument;

  it('lists skills matched by text (incl. alternative labels) and by filters on an ancestor', () => {
    const matched = matchedSkillsOf(
      document,
      normalizeSearchQuery({ text: 'ecmascrpt', filters: { skillsAny: ['s:languages'] } }),
    );
    expect(matched.map((skill) => [skill.id, skill.matchedBy])).toEqual([
      ['s:python', ['filter']],
      ['s:js', ['text', 'filter']],
    ]);
    expect(matched[1].highlight).toEqual([
      { text: 'JavaScript (', match: false },
      { text: 'ECMAScript', match: true },
      { text: ')', match: false },
    ]);
  });

  it('only credits verified skills for a verified-only filter', () => {
    const matched = matchedSkillsOf(
      document,
      normalizeSearchQuery({ filters: { skillsAll: ['s:languages'], verifiedSkillsOnly: true } }),
    );
    expect(matched.map((skill) => skill.id)).toEqual(['s:python']);
  });
});
