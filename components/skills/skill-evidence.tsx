/** Readable names for where in a credential a skill was found, and how. One vocabulary for every view. */
const fieldText: Record<string, string> = {
  alignment: 'aligned skill',
  name: 'achievement name',
  description: 'description',
  criteria: 'criteria',
  criteriaNarrative: 'criteria',
  tag: 'tag',
  tags: 'tag',
  result: 'result',
  results: 'result',
  manual: 'added by the candidate',
};

const methodText: Record<string, string> = {
  alignment: 'framework alignment',
  label: 'skill name found in the text',
  alt_label: 'alternative skill name in the text',
  crosswalk: 'crosswalk between frameworks',
  manual: 'self-declared',
};

/** One piece of evidence for a skill: the quoted text, its credential (or "Self-declared"), where and how found. */
export function SkillEvidenceItem({
  span,
  source,
  field,
  method,
  confidence,
}: {
  span: string;
  /** The credential's name and status, or null when the candidate declared the skill. */
  source: string | null;
  field: string;
  method: string;
  confidence: number;
}) {
  return (
    <li className="rounded-md bg-slate-50 px-3 py-2">
      <p className="text-slate-800">“{span}”</p>
      <p className="text-xs text-slate-500">
        {source ?? 'Self-declared'} · {fieldText[field] ?? field} · {methodText[method] ?? method} ·{' '}
        {Math.round(confidence * 100)}%
      </p>
    </li>
  );
}
