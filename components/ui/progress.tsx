import { cn } from './cn';

/** A labelled progress bar (0..max); indeterminate when value is null. */
export function ProgressBar({
  value,
  max = 1,
  label,
  className,
  barClassName,
}: {
  value: number | null;
  max?: number;
  label: string;
  className?: string;
  barClassName?: string;
}) {
  const ratio = value === null || max <= 0 ? null : Math.min(1, Math.max(0, value / max));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value ?? undefined}
      className={cn('h-2 w-full overflow-hidden rounded-full bg-slate-200', className)}
    >
      <div
        className={cn(
          'h-full rounded-full bg-brand-600 transition-[width]',
          ratio === null && 'w-1/3 animate-pulse',
          barClassName,
        )}
        style={ratio === null ? undefined : { width: `${(ratio * 100).toFixed(1)}%` }}
      />
    </div>
  );
}
