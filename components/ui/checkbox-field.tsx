import type { ReactNode } from 'react';
import { cn } from './cn';

/** A labelled checkbox: the whole label is the click target, and the text is the accessible name. */
export function CheckboxField({
  checked,
  onCheckedChange,
  children,
  className,
}: {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  children: ReactNode;
  className?: string;
}) {
  return (
    <label className={cn('flex items-center gap-2', className)}>
      <input
        type="checkbox"
        className="accent-brand-600"
        checked={checked}
        onChange={(event) => onCheckedChange(event.target.checked)}
      />
      {children}
    </label>
  );
}
