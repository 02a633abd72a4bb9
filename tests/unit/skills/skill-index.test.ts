import { describe, expect, it } from 'vitest';
import { buildSkillIndex, lookupLabel, matchSkills } from '@/server/domain/skills/skill-index';
import { FIXTURE_SKILLS } from './fixture-taxonomy';

const index = buildSkillIndex(FIXTURE_SKILLS);
const ids = (text: string) => matchSkills(index, text).map((m) => m.skillId);

describe('matchSkills', () => {
  it('matches punctuation and spelling variants of one label', () => {
    expect(ids('Built APIs in node.js')).toEqual(['t:node']);
    expect(ids('Built APIs in NodeJS')).toEqual(['t:node']);
    expect(ids('Built APIs in node js')).toEqual(['t:node']);
    expect(ids('ecommerce and e-commerce and e commerce')).toEqual(['t:ecom']);
  });

  it('recognises symbol-bearing names: C++, C#, .NET', () => {
    expect(ids('C++, C# and .NET developer').sort()).toEqual(['t:cpp', 't:csharp', 't:dotnet']);
  });

  it('matches inflected phrases through stemming', () => {
    expect(ids('Good at solving problems')).toEqual(['t:solve']);
  });

  it('prefers the longest phrase over a nested one', () => {
    expect(ids('Applied machine learning to churn')).toEqual(['t:ml']);
  });

  it('only matches upper-case acronyms written in upper case', () => {
    expect(ids('less than a week in it')).toEqual([]);
    expect(ids('Styles in LESS, worked in IT').sort()).toEqual(['t:it', 't:less']);
  });

  it('disambiguates a shared surface form with the surrounding words', () => {
    const dev = matchSkills(index, 'Java programming for backend software development');
    expect(dev.map((m) => m.skillId)).toEqual(['t:java']);
    const barista = matchSkills(index, 'Roasting and brewing Java beans as a barista');
    expect(barista.map((m) => m.skillId)).toEqual(['t:coffee']);
    expect(dev[0].candidates).toBe(2);
    expect(dev[0].confidence).toBeLessThan(0.95);
  });

  it('returns the exact span and a confidence ordered by label quality', () => {
    const text = 'Strong PostgreSQL and Postgres tuning; ML pipelines';
    const ms = matchSkills(index, text);
    const pg = ms.find((m) => m.skillId === 't:pg')!;
    expect(text.slice(pg.start, pg.end)).toBe('PostgreSQL');
    expect(pg.kind).toBe('preferred');
    const ml = ms.find((m) => m.skillId === 't:ml')!;
    expect(ml.span).toBe('ML');
    expect(ml.confidence).toBeLessThan(pg.confidence);
  });
});

describe('lookupLabel', () => {
  it('finds skills by any label ignoring case and punctuation of whitespace', () => {
    expect(lookupLabel(index, '  postgres ')).toEqual(['t:pg']);
    expect(lookupLabel(index, 'java')).toEqual(['t:java', 't:coffee']);
  });
});

describe('canonical ids across frameworks', () => {
  it('reports crosswalked duplicates once, as their canonical skill, without lowering confidence', () => {
    const idx = buildSkillIndex([
      { id: 'starter:js', preferredLabel: 'JavaScript', altLabels: [] },
      { id: 'esco:js', preferredLabel: 'JavaScript', altLabels: ['JS'], canonicalId: 'starter:js' },
      { id: 'onet:js', preferredLabel: 'JavaScript', altLabels: [], canonicalId: 'starter:js' },
    ]);
    const ms = matchSkills(idx, 'Modern JavaScript and JS tooling');
    expect(ms.map((m) => [m.skillId, m.candidates])).toEqual([['starter:js', 1]]);
    expect(ms[0].confidence).toBe(0.95);
  });
});

describe('one-word labels', () => {
  it('do not match words that only share an over-eager Porter stem', () => {
    const idx = buildSkillIndex([
      { id: 'x:exp', preferredLabel: 'run experiments', altLabels: ['experiment'] },
      { id: 'x:paint', preferredLabel: 'paint', altLabels: [] },
      { id: 'x:code', preferredLabel: 'code', altLabels: [] },
    ]);
    expect(matchSkills(idx, 'Five years of experience').map((m) => m.skillId)).toEqual([]);
    expect(matchSkills(idx, 'We experimented a lot').map((m) => m.skillId)).toEqual(['x:exp']);
    expect(matchSkills(idx, 'painting and coding').map((m) => m.skillId)).toEqual(['x:paint', 'x:code']);
  });
});
