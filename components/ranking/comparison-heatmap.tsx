'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Dialog } from '@/components/ui/dialog';
import { statusInfo } from '@/components/credentials/verification-badge';

export interface HeatmapCell {
  status: 'matched' | 'partial' | 'missing';
  coverage: number;
  points: number;
  via: { skillId: string; label: string; kind: string; path: string[] } | null;
  evidence: {
    credentialId: string | null;
    achievementName: string | null;
    issuerName: string | null;
    status: string;
  }[];
}

export interface HeatmapData {
  skills: { skillId: string; label: string; importance: number; mustHave: boolean }[];
  candidates: { candidateId: string; label: string; score: number; mustHavesMet: boolean }[];
  /** cells[skill][candidate] */
  cells: HeatmapCell[][];
}

const kindText: Record<string, string> = {
  exact: 'has exactly this skill',
  narrower: 'has a more specific skill',
  broader: 'has a broader skill (partial credit)',
  sibling: 'has a sibling skill (partial credit)',
  related_essential: 'has an essential related skill (partial credit)',
  related_optional: 'has an optional related skill (partial credit)',
};

/** Colour for a coverage in 0..1: white → brand blue; missing cells are hatched grey. */
function cellColour(cell: HeatmapCell): string {
  if (cell.status === 'missing' || cell.coverage <= 0) return 'transparent';
  const t = Math.max(0.08, Math.min(1, cell.coverage));
  return `color-mix(in oklab, var(--color-emerald-600) ${Math.round(t * 100)}%, white)`;
}

/**
 * Job skills × shortlisted candidates. Each cell's shade is the share of that requirement the candidate
 * covers; clicking a cell opens the route through the taxonomy and the credentials behind it.
 */
export function ComparisonHeatmap({ data }: { data: HeatmapData }) {
  const [open, setOpen] = useState<{ skill: number; candidate: number } | null>(null);
  const cell = open ? data.cells[open.skill]?.[open.candidate] : null;
  const skill = open ? data.skills[open.skill] : null;
  const candidate = open ? data.candidates[open.candidate] : null;
  return (
    <div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" data-testid="heatmap">
        <table className="border-collapse text-sm">
          <caption className="sr-only">Coverage of each job skill by each shortlisted candidate</caption>
          <thead>
            <tr>
              <th
                scope="col"
                className="sticky left-0 z-10 min-w-40 bg-white px-3 py-2 text-left font-medium text-slate-600"
              >
                Skill
              </th>
              {data.candidates.map((item) => (
                <th
                  key={item.candidateId}
                  scope="col"
                  className="min-w-24 px-2 py-2 text-center align-bottom font-medium"
                >
                  <span className="block max-w-28 truncate" title={item.label}>
                    {item.label}
                  </span>
                  <span className="block text-xs font-normal text-slate-500">
                    {Math.round(item.score * 100)}%
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.skills.map((row, skillIndex) => (
              <tr key={row.skillId} className="border-t border-slate-100">
                <th scope="row" className="sticky left-0 z-10 bg-white px-3 py-1.5 text-left font-normal">
                  <span className="block max-w-56 truncate" title={row.label}>
                    {row.label}
                    {row.mustHave ? (
                      <span className="ml-1 font-bold text-slate-700" title="Must-have">
                        *
                      </span>
                    ) : null}
                  </span>
                  <span className="block text-xs text-slate-500">weight {row.importance}</span>
                </th>
                {data.candidates.map((item, candidateIndex) => {
                  const value = data.cells[skillIndex]?.[candidateIndex];
                  if (!value) return <td key={item.candidateId} />;
                  return (
                    <td key={item.candidateId} className="p-1">
                      <button
                        type="button"
                        onClick={() => setOpen({ skill: skillIndex, candidate: candidateIndex })}
                        data-testid="heatmap-cell"
                        data-status={value.status}
                        aria-label={`${row.label} for ${item.label}: ${value.status}, ${Math.round(value.coverage * 100)}%. Show evidence`}
                        className="flex h-10 w-full min-w-20 items-center justify-center rounded text-xs font-medium ring-1 ring-inset ring-slate-200 hover:ring-2 hover:ring-brand-500"
                        style={{
                          background:
                            value.status === 'missing'
                              ? 'repeating-linear-gradient(45deg, #f8fafc, #f8fafc 4px, #e2e8f0 4px, #e2e8f0 5px)'
                              : cellColour(value),
                          color: value.coverage > 0.55 ? 'white' : undefined,
                        }}
                      >
                        {value.status === 'missing' ? '—' : `${Math.round(value.coverage * 100)}%`}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-3 text-xs text-slate-600" aria-hidden="true">
        <span>Coverage:</span>
        <span
          className="h-3 w-24 rounded"
          style={{ background: 'linear-gradient(90deg, white, var(--color-emerald-600))' }}
        />
        <span>0% → 100%</span>
        <span
          className="ml-2 inline-block h-3 w-5 rounded"
          style={{
            background: 'repeating-linear-gradient(45deg, #f8fafc, #f8fafc 4px, #e2e8f0 4px, #e2e8f0 5px)',
          }}
        />
        <span>missing</span>
        <span>* must-have</span>
      </div>
      <Dialog
        open={open !== null}
        onClose={() => setOpen(null)}
        title={skill && candidate ? `${skill.label} — ${candidate.label}` : 'Evidence'}
        description={
          cell ? `${cell.status}, ${Math.round(cell.coverage * 100)}% of this requirement` : undefined
        }
      >
        {cell ? (
          <div className="space-y-3 text-sm" data-testid="cell-evidence">
            {cell.via ? (
              <p>
                Matched through <strong>{cell.via.label}</strong>: {kindText[cell.via.kind] ?? cell.via.kind}.
              </p>
            ) : (
              <p>No skill on this candidate’s profile answers this requirement.</p>
            )}
            {cell.evidence.length > 0 ? (
              <ul className="space-y-2">
                {cell.evidence.map((evidence, index) => (
                  <li
                    key={`${evidence.credentialId ?? 'self'}-${index}`}
                    className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 p-2"
                  >
                    <Badge tone={statusInfo(evidence.status).tone}>{statusInfo(evidence.status).label}</Badge>
                    <span className="font-medium">{evidence.achievementName ?? 'Self-declared'}</span>
                    {evidence.issuerName ? (
                      <span className="text-slate-600">by {evidence.issuerName}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </Dialog>
    </div>
  );
}
