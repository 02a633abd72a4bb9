import { describe, expect, it } from 'vitest';
import { extractJobSkills } from '@/server/domain/skills/extract-job-skills';
import { readRequirementCue, segmentDescription } from '@/server/domain/skills/requirement-cues';
import { buildSkillIndex } from '@/server/domain/skills/skill-index';
import { FIXTURE_SKILLS } from './fixture-taxonomy';

const index = buildSkillIndex(FIXTURE_SKILLS);

describe('readRequirementCue', () => {
  it('reads must-have language and years', () => {
    const c = readRequirementCue('You must have 3+ years of TypeScript');
    expect(c.strength).toBe('must');
    expect(c.minYears).toBe(3);
  });
  it('lets optional language win within the same sentence', () => {
    expect(readRequirementCue('A strong background in Docker is a plus').strength).toBe('nice');
    expect(readRequirementCue('Kubernetes preferred').strength).toBe('nice');
    expect(readRequirementCue('Bonus: Kubernetes').strength).toBe('nice');
  });
  it('falls back to the section default when the sentence says nothing', () => {
    expect(readRequirementCue('Docker and Kubernetes', 'nice').strength).toBe('nice');
    expect(readRequirementCue('Docker and Kubernetes').strength).toBe('neutral');
  });
  it('reads number words and level words', () => {
    const c = readRequirementCue('Five years of expert-level C++');
    expect(c.minYears).toBe(5);
    expect(c.level).toBe('expert');
  });
});

describe('segmentDescription', () => {
  it('splits on sentence ends but not inside node.js, and tracks section headers', () => {
    const segs = segmentDescription(
      'About the role\nWe ship node.js services. Fast.\nNice to have:\n- Docker',
    );
    expect(segs.map((s) => [s.text.trim(), s.section])).toEqual([
      ['We ship node.js services.', 'neutral'],
      ['Fast.', 'neutral'],
      ['- Docker', 'nice'],
    ]);
  });
});

describe('extractJobSkills', () => {
  const jd = [
    'Senior Backend Engineer',
    'Requirements:',
    '- 5+ years of TypeScript and Node.js',
    '- PostgreSQL in production',
    'Nice to have:',
    '- Kubernetes',
    'Docker experience is a plus. We also use TypeScript on the front end.',
  ].join('\n');
  const skills = extractJobSkills(jd, index);
  const by = (id: string) => skills.find((s) => s.skillId === id)!;

  it('proposes every skill found, once', () => {
    expect(skills.map((s) => s.skillId).sort()).toEqual(['t:docker', 't:k8s', 't:node', 't:pg', 't:ts']);
  });
  it('marks must-haves from the section and the years asked for', () => {
    expect(by('t:ts').mustHave).toBe(true);
    expect(by('t:ts').minLevel).toBe('5+ years');
    expect(by('t:pg').mustHave).toBe(true);
    expect(by('t:k8s').mustHave).toBe(false);
    expect(by('t:docker').mustHave).toBe(false);
  });
  it('ranks must-haves above nice-to-haves and keeps the evidence sentence', () => {
    expect(by('t:ts').importance).toBeGreaterThan(by('t:k8s').importance);
    expect(by('t:docker').evidence).toBe('Docker experience is a plus.');
    expect(skills[skills.length - 1].mustHave).toBe(false);
  });
  it('returns nothing for text without known skills', () => {
    expect(extractJobSkills('We are a friendly company in Lisbon.', index)).toEqual([]);
  });

  it('does not propose a top-level category named by one word in prose, only when asked for or named in full', () => {
    const umbrellas = buildSkillIndex([
      { id: 't:engineering', preferredLabel: 'engineering', altLabels: [], umbrella: true },
      { id: 't:design', preferredLabel: 'design', altLabels: [], umbrella: true },
      { id: 't:cloud', preferredLabel: 'cloud computing', altLabels: [], umbrella: true },
      { id: 't:data-engineering', preferredLabel: 'data engineering', altLabels: [] },
      { id: 't:typescript', preferredLabel: 'TypeScript', altLabels: [] },
    ]);
    const labels = (text: string) =>
      extractJobSkills(text, umbrellas)
        .map((skill) => skill.label)
        .sort();
    expect(
      labels('Northwind Engineering is hiring. Design and build APIs in TypeScript on cloud computing.'),
    ).toEqual(['TypeScript', 'cloud computing']);
    expect(labels('An engineering degree is required. Design skills are a plus.')).toEqual([
      'design',
      'engineering',
    ]);
    // not a category: one word is enough
    expect(labels('Join our data engineering team.')).toEqual(['data engineering']);
  });
});
