import { cn } from '@/components/ui/cn';

/** A candidate's skill coverage for a job: the bar is the score, the number is its percentage. */
export function ScoreBar({
  score,
  mustHavesMet,
  className,
}: {
  score: number;
  mustHavesMet?: boolean;
  className?: string;
}) {
  const percent = Math.round(Math.max(0, Math.min(1, score)) * 100);
  return (
    <div className={cn('flex items-center gap-2', className)}>
      <div
        role="meter"
        aria-label="Skill coverage"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2.5 flex-1 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={cn('h-full rounded-full', mustHavesMet === false ? 'bg-amber-500' : 'bg-emerald-500')}
          style={{ width: `${percent}%` }}
        />
      </div>
      <span className="w-10 text-right text-sm font-semibold tabular-nums text-slate-800">{percent}%</span>
    </div>
  );
}

const chipStyle = {
  matched: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  partial: 'bg-amber-50 text-amber-800 ring-amber-200',
  missing: 'bg-slate-50 text-slate-500 ring-slate-200 line-through decoration-slate-400',
} as const;
const chipIcon = { matched: '✓', partial: '◐', missing: '✕' } as const;
const chipText = { matched: 'matched', partial: 'partial', missing: 'missing' } as const;

/** A required skill and how the candidate covers it; shape and icon carry the meaning, not colour alone. */
export function SkillChip({
  label,
  status,
  mustHave,
  title,
}: {
  label: string;
  status: keyof typeof chipStyle;
  mustHave?: boolean;
  title?: string;
}) {
  return (
    <span
      title={title}
      data-chip={status}
      className={cn(
        'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        chipStyle[status],
      )}
    >
      <span aria-hidden="true">{chipIcon[status]}</span>
      {label}
      {mustHave ? (
        <span className="font-bold" title="Must-have">
          *
        </span>
      ) : null}
      <span className="sr-only">
        ({chipText[status]}
        {mustHave ? ', must-have' : ''})
      </span>
    </span>
  );
}
