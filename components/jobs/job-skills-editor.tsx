'use client';

import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/input';
import { SkillPicker } from './skill-picker';

export const skillLevels = ['basic', 'intermediate', 'advanced', 'expert'] as const;
export type SkillLevel = (typeof skillLevels)[number];

export interface EditableJobSkill {
  skillId: string;
  label: string;
  /** Integer weight 1..10. */
  importance: number;
  mustHave: boolean;
  minLevel: SkillLevel | null;
  /** The sentence of the description it was found in (extracted skills only). */
  evidence?: string;
}

/** Maps an extracted level hint ("3+ years", "advanced") to a level. */
export function levelFromHint(hint: string | undefined): SkillLevel | null {
  if (!hint) return null;
  const lower = hint.toLowerCase();
  for (const level of skillLevels) if (lower.includes(level)) return level;
  const years = /(\d+)\s*\+?\s*years?/.exec(lower);
  if (years) {
    const count = Number(years[1]);
    return count >= 7 ? 'expert' : count >= 4 ? 'advanced' : count >= 2 ? 'intermediate' : 'basic';
  }
  if (/senior|strong|deep/.test(lower)) return 'advanced';
  return null;
}

/** The editable requirement list: weight, must-have and minimum level per skill; add from the taxonomy; remove. */
export function JobSkillsEditor({
  skills,
  onChange,
}: {
  skills: EditableJobSkill[];
  onChange: (skills: EditableJobSkill[]) => void;
}) {
  const update = (skillId: string, change: Partial<EditableJobSkill>) =>
    onChange(skills.map((skill) => (skill.skillId === skillId ? { ...skill, ...change } : skill)));
  return (
    <div className="space-y-4">
      {skills.length === 0 ? <p className="text-sm text-slate-600">No skills yet: add some below.</p> : null}
      <ul
        className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
        data-testid="job-skills"
      >
        {skills.map((skill) => (
          <li
            key={skill.skillId}
            className="grid gap-3 px-4 py-3 md:grid-cols-[1fr_13rem_8rem_9rem_auto] md:items-center"
            data-testid="job-skill"
          >
            <div className="min-w-0">
              <p className="font-medium">{skill.label}</p>
              {skill.evidence ? (
                <p className="truncate text-xs text-slate-500" title={skill.evidence}>
                  “{skill.evidence}”
                </p>
              ) : null}
            </div>
            <div className="flex items-center gap-2">
              <label htmlFor={`weight-${skill.skillId}`} className="w-12 text-xs text-slate-600">
                Weight
              </label>
              <input
                id={`weight-${skill.skillId}`}
                type="range"
                min={1}
                max={10}
                value={skill.importance}
                onChange={(event) => update(skill.skillId, { importance: Number(event.target.value) })}
                className="flex-1 accent-brand-600"
                aria-label={`Weight of ${skill.label}`}
                aria-valuetext={`${skill.importance} of 10`}
              />
              <span className="w-5 text-right text-sm tabular-nums">{skill.importance}</span>
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="accent-brand-600"
                checked={skill.mustHave}
                onChange={(event) => update(skill.skillId, { mustHave: event.target.checked })}
                aria-label={`${skill.label} is a must-have`}
              />
              Must-have
            </label>
            <div>
              <label htmlFor={`level-${skill.skillId}`} className="sr-only">
                Minimum level for {skill.label}
              </label>
              <Select
                id={`level-${skill.skillId}`}
                className="h-8"
                value={skill.minLevel ?? ''}
                onChange={(event) =>
                  update(skill.skillId, { minLevel: (event.target.value || null) as SkillLevel | null })
                }
              >
                <option value="">Any level</option>
                {skillLevels.map((level) => (
                  <option key={level} value={level}>
                    {level[0]!.toUpperCase() + level.slice(1)}
                  </option>
                ))}
              </Select>
            </div>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => onChange(skills.filter((item) => item.skillId !== skill.skillId))}
              aria-label={`Remove ${skill.label}`}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <div className="max-w-md">
        <SkillPicker
          exclude={new Set(skills.map((skill) => skill.skillId))}
          onPick={(picked) =>
            onChange([...skills, { ...picked, importance: 5, mustHave: false, minLevel: null }])
          }
        />
      </div>
    </div>
  );
}
