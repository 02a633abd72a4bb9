import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from '@/server/domain/skills/phrase-matcher';

describe('PhraseMatcher (token Aho-Corasick)', () => {
  it('reports overlapping and nested phrases in one pass', () => {
    const m = new PhraseMatcher<string>();
    m.add(['machine', 'learning'], 'ml');
    m.add(['learning'], 'learn');
    m.add(['deep', 'machine'], 'odd');
    m.add(['machine', 'learning', 'ops'], 'mlops');
    const hits = m.findAll(['deep', 'machine', 'learning', 'ops', 'x']);
    const seen = hits.map((h) => `${h.payloads.join(',')}@${h.startToken}-${h.endToken}`).sort();
    expect(seen).toEqual(['learn@2-3', 'ml@1-3', 'mlops@1-4', 'odd@0-2']);
  });

  it('follows failure links after a partial match', () => {
    const m = new PhraseMatcher<number>();
    m.add(['a', 'b', 'c'], 1);
    m.add(['b', 'd'], 2);
    const hits = m.findAll(['a', 'b', 'd']);
    expect(hits.map((h) => [h.payloads[0], h.startToken, h.endToken])).toEqual([[2, 1, 3]]);
  });

  it('keeps several payloads for one identical phrase', () => {
    const m = new PhraseMatcher<string>();
    m.add(['java'], 'lang');
    m.add(['java'], 'coffee');
    expect(m.findAll(['java'])[0].payloads).toEqual(['lang', 'coffee']);
    expect(m.size).toBe(1);
    expect(m.entries).toBe(2);
  });

  it('finds the same hits as a naive scan on random input', () => {
    const vocab = ['a', 'b', 'c', 'd'];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const patterns: string[][] = [];
    const m = new PhraseMatcher<number>();
    for (let i = 0; i < 40; i++) {
      const len = 1 + Math.floor(rnd() * 4);
      const p = Array.from({ length: len }, () => vocab[Math.floor(rnd() * 4)]);
      patterns.push(p);
      m.add(p, i);
    }
    const text = Array.from({ length: 300 }, () => vocab[Math.floor(rnd() * 4)]);
    const naive = new Set<string>();
    patterns.forEach((p, i) => {
      for (let s = 0; s + p.length <= text.length; s++)
        if (p.every((t, k) => text[s + k] === t)) naive.add(`${i}@${s}`);
    });
    const fast = new Set<string>();
    for (const h of m.findAll(text)) for (const id of h.payloads) fast.add(`${id}@${h.startToken}`);
    expect(fast).toEqual(naive);
  });
});
