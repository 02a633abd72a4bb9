import { describe, expect, it } from 'vitest';
import { buildRankingModel, rankSkills } from '@/server/domain/skills/rank-skills';
import { buildSkillIndex } from '@/server/domain/skills/skill-index';

const index = buildSkillIndex([
  {
    id: 'solve',
    preferredLabel: 'solve problems',
    altLabels: ['problem solving'],
    description: 'Find solutions to problems.',
  },
  {
    id: 'biz',
    preferredLabel: 'business analysis',
    altLabels: [],
    description: 'Analyse business needs and problems.',
  },
  {
    id: 'css',
    preferredLabel: 'CSS',
    altLabels: ['cascading style sheets'],
    description: 'Style sheet language.',
  },
  {
    id: 'teams',
    preferredLabel: 'work in teams',
    altLabels: ['teamwork'],
    description: 'Cooperate with colleagues.',
  },
  { id: 'plan', preferredLabel: 'plan teamwork', altLabels: [], description: 'Schedule the work of a team.' },
]);

describe('rankSkills', () => {
  it('puts a label whose words all occur in the sentence first, whatever their order or inflection', () => {
    const model = buildRankingModel(index);
    const r = rankSkills(model, 'passionate about solving business problems');
    expect(r[0].skillId).toBe('solve');
  });
  it('rewards verbatim label phrases and only scores skills sharing a word with the text', () => {
    const model = buildRankingModel(index);
    const r = rankSkills(model, 'Strong CSS and teamwork');
    expect(
      r
        .map((x) => x.skillId)
        .slice(0, 2)
        .sort(),
    ).toEqual(['css', 'teams']);
    expect(r.map((x) => x.skillId)).not.toContain('biz');
  });
  it('uses priors to break near-ties', () => {
    const flat = rankSkills(buildRankingModel(index), 'teamwork');
    expect(flat[0].skillId).toBe('teams');
    const skewed = rankSkills(
      buildRankingModel(
        index,
        new Map([
          ['plan', 0.9],
          ['teams', 1e-6],
        ]),
      ),
      'teamwork',
      {
        k1: 2,
        b: 0.75,
        wPref: 5,
        wAlt: 0.5,
        wDesc: 0.15,
        coverage: 1,
        phrase: 0,
        prior: 3,
        missing: 0,
      },
    );
    expect(skewed[0].skillId).toBe('plan');
  });
});
