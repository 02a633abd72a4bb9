'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { cn } from '@/components/ui/cn';

/** Autocomplete over the skills taxonomy (ARIA combobox: arrows move, Enter picks, Escape closes). */
export function SkillPicker({
  onPick,
  exclude,
  label = 'Add a skill',
}: {
  onPick: (skill: { skillId: string; label: string }) => void;
  exclude: ReadonlySet<string>;
  label?: string;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);
  const results = useQuery({
    ...trpc.taxonomy.searchSkills.queryOptions({ query: debounced || 'x', limit: 8 }),
    enabled: debounced.length >= 2,
  });
  const options = (debounced.length >= 2 ? (results.data ?? []) : []).filter((item) => !exclude.has(item.id));
  function pick(index: number) {
    const option = options[index];
    if (!option) return;
    onPick({ skillId: option.id, label: option.label });
    setText('');
    setDebounced('');
    setOpen(false);
  }
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((value) => Math.min(value + 1, options.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((value) => Math.max(value - 1, 0));
    } else if (event.key === 'Enter') {
      if (open && options.length > 0) {
        event.preventDefault();
        pick(active);
      }
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  }
  const listId = `${id}-list`;
  return (
    <div className="relative space-y-1.5">
      <Label htmlFor={`${id}-input`}>{label}</Label>
      <Input
        id={`${id}-input`}
        role="combobox"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${id}-option-${active}` : undefined}
        autoComplete="off"
        placeholder="Type a skill, e.g. Kubernetes"
        value={text}
        maxLength={100}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {open && options.length > 0 ? (
        <ul
          id={listId}
          role="listbox"
          className="absolute z-20 mt-1 max-h-64 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg"
        >
          {options.map((option, index) => (
            <li
              key={option.id}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(index);
              }}
              className={cn(
                'cursor-pointer px-3 py-1.5 text-sm',
                index === active ? 'bg-brand-50 text-brand-700' : 'text-slate-800',
              )}
            >
              {option.label}
              {option.matchedLabel && option.matchedLabel !== option.label ? (
                <span className="ml-1 text-xs text-slate-500">({option.matchedLabel})</span>
              ) : null}
              <span className="ml-2 text-xs uppercase text-slate-400">{option.frameworkId}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {open && debounced.length >= 2 && results.data && options.length === 0 ? (
        <p className="text-xs text-slate-500">No skill matches “{debounced}”.</p>
      ) : null}
    </div>
  );
}
