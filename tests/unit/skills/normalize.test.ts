import { describe, expect, it } from 'vitest';
import {
  labelKey,
  labelVariants,
  splitQualifier,
  stemToken,
  tokenize,
} from '@/server/domain/skills/normalize';

describe('tokenize', () => {
  it('keeps offsets of the original text so evidence can quote the span', () => {
    const text = 'We use Node.js and C++ daily';
    const toks = tokenize(text);
    expect(toks.map((t) => t.norm)).toEqual(['we', 'use', 'node', 'js', 'and', 'c++', 'daily']);
    const cpp = toks[5];
    expect(text.slice(cpp.start, cpp.end)).toBe('C++');
  });

  it('marks pieces glued by intra-word punctuation', () => {
    const toks = tokenize('node.js e-commerce CI/CD, end. Next');
    expect(toks.map((t) => t.gluedToNext)).toEqual([true, false, true, false, true, false, false, false]);
  });

  it('turns a leading-dot word such as .NET into dotnet and strips diacritics', () => {
    expect(tokenize('Experience with .NET and Café').map((t) => t.norm)).toEqual([
      'experience',
      'with',
      'dotnet',
      'and',
      'cafe',
    ]);
  });
});

describe('stemming', () => {
  it('maps inflections to one stem but leaves short and symbol tokens alone', () => {
    expect(stemToken('solving')).toBe(stemToken('solve'));
    expect(stemToken('developers')).toBe(stemToken('developer'));
    expect(stemToken('css')).toBe('css');
    expect(stemToken('c#')).toBe('c#');
  });
});

describe('labelVariants', () => {
  it('indexes split and merged spellings of punctuated labels', () => {
    const v = labelVariants('Node.js').map((x) => x.join(' '));
    expect(v).toContain('node js');
    expect(v).toContain('nodej');
  });
  it('adds a merged variant for short two-word labels', () => {
    expect(labelVariants('full stack').map((x) => x.join(' '))).toContain(stemToken('fullstack'));
  });
});

describe('splitQualifier / labelKey', () => {
  it('separates a trailing parenthetical qualifier', () => {
    expect(splitQualifier('Java (computer programming)')).toEqual({
      head: 'Java',
      qualifier: 'computer programming',
    });
    expect(splitQualifier('manage time')).toEqual({ head: 'manage time', qualifier: null });
  });
  it('ignores case, commas and odd whitespace for exact lookup', () => {
    expect(labelKey('Fish,  crustacean and\u00a0mollusc products ')).toBe(
      'fish crustacean and mollusc products',
    );
  });
});
