import { describe, expect, it } from 'vitest';
import { groupQueries, reciprocalRank, rPrecisionAtK } from '@/server/domain/skills/ranking-metrics';

describe('benchmark ranking metrics', () => {
  it('RP@k divides by min(k, |relevant|)', () => {
    const rel = new Set(['a', 'b']);
    expect(rPrecisionAtK(['a', 'x', 'y', 'z', 'w'], rel, 5)).toBe(0.5);
    expect(rPrecisionAtK(['x', 'a', 'b'], rel, 5)).toBe(1);
    expect(rPrecisionAtK(['x', 'y', 'a'], new Set(['a', 'b', 'c', 'd', 'e', 'f']), 5)).toBeCloseTo(1 / 5);
    expect(rPrecisionAtK(['a'], new Set(), 5)).toBe(0);
  });
  it('MRR uses the first relevant rank', () => {
    expect(reciprocalRank(['x', 'y', 'a', 'b'], new Set(['b', 'a']))).toBeCloseTo(1 / 3);
    expect(reciprocalRank(['x'], new Set(['a']))).toBe(0);
  });
  it('groups rows by sentence and drops non-labels and empty queries', () => {
    const q = groupQueries([
      { sentence: 's1', label: 'Java (computer programming)' },
      { sentence: 's1', label: 'LABEL NOT PRESENT' },
      { sentence: 's1', label: 'Java (computer programming) ' },
      { sentence: 's2', label: 'UNDERSPECIFIED' },
      { sentence: 's3', label: 'CSS' },
    ]);
    expect(q).toEqual([
      { sentence: 's1', labels: ['Java (computer programming)'] },
      { sentence: 's3', labels: ['CSS'] },
    ]);
  });
});
