/** Horizontal stacked bars: confirmed and suggested skills per taxonomy branch (plain CSS, no chart library). */
export function BranchChart({
  branches,
}: {
  branches: { label: string; confirmed: number; proposed: number }[];
}) {
  const max = Math.max(1, ...branches.map((branch) => branch.confirmed + branch.proposed));
  return (
    <figure>
      <ul className="space-y-2" aria-label="Skills per area">
        {branches.map((branch) => {
          const total = branch.confirmed + branch.proposed;
          return (
            <li
              key={branch.label}
              className="grid grid-cols-[minmax(6rem,12rem)_1fr_2rem] items-center gap-3 text-sm"
            >
              <span className="truncate text-slate-700" title={branch.label}>
                {branch.label}
              </span>
              <span className="flex h-3 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                <span
                  className="h-full bg-emerald-500"
                  style={{ width: `${(branch.confirmed / max) * 100}%` }}
                />
                <span
                  className="h-full bg-brand-500/60"
                  style={{ width: `${(branch.proposed / max) * 100}%` }}
                />
              </span>
              <span className="text-right tabular-nums text-slate-600">
                {total}
                <span className="sr-only">
                  {' '}
                  skills: {branch.confirmed} confirmed, {branch.proposed} suggested
                </span>
              </span>
            </li>
          );
        })}
      </ul>
      <figcaption className="mt-3 flex gap-4 text-xs text-slate-600">
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-2.5 w-2.5 rounded-full bg-emerald-500" aria-hidden="true" />{' '}
          Confirmed
        </span>
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-2.5 w-2.5 rounded-full bg-brand-500/60" aria-hidden="true" />{' '}
          Suggested
        </span>
      </figcaption>
    </figure>
  );
}
