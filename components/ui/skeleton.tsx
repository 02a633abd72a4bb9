import { cn } from './cn';

/** A grey placeholder with the size of the content it stands for, so nothing shifts when data arrives. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded-md bg-slate-200', className)} />;
}

/** Announces loading to assistive technology while skeletons are shown. */
export function LoadingRows({
  rows = 3,
  label = 'Loading',
  rowClassName,
}: {
  rows?: number;
  label?: string;
  rowClassName?: string;
}) {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <span className="sr-only">{label}…</span>
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} className={cn('h-16 w-full', rowClassName)} />
      ))}
    </div>
  );
}
