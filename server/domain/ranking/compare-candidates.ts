import type { CandidateScore, ContributionStatus, JobRequirement, MatchKind } from './types';

export interface ComparisonCell {
  status: ContributionStatus;
  /** Share of this requirement's maximum the candidate earned, 0..1 (the heatmap value). */
  coverage: number;
  points: number;
  via: {
    skillId: string;
    label: string;
    kind: MatchKind;
    path: string[];
  } | null;
  evidence: {
    credentialId: string | null;
    achievementName: string | null;
    issuerName: string | null;
    status: string;
  }[];
}

export interface ComparisonMatrix {
  skills: {
    skillId: string;
    label: string;
    importance: number;
    mustHave: boolean;
  }[];
  candidates: {
    candidateId: string;
    score: number;
    points: number;
    maxPoints: number;
    mustHavesMet: boolean;
  }[];
  /** cells[skill][candidate]. */
  cells: ComparisonCell[][];
}

/**
 * A job-skills × candidates matrix from scored candidates (same job, same options), in the order given.
 * Each cell is the candidate's contribution for that skill, so a column's points sum to the candidate's score.
 */
export function compareCandidates(
  requirements: readonly JobRequirement[],
  scores: readonly CandidateScore[],
): ComparisonMatrix {
  return {
    skills: requirements.map((r) => ({
      skillId: r.skillId,
      label: r.label,
      importance: r.importance,
      mustHave: r.mustHave,
    })),
    candidates: scores.map((s) => ({
      candidateId: s.candidateId,
      score: s.score,
      points: s.points,
      maxPoints: s.maxPoints,
      mustHavesMet: s.mustHavesMet,
    })),
    cells: requirements.map((_, i) =>
      scores.map((s) => {
        const c = s.contributions[i];
        return {
          status: c.status,
          coverage: c.maxPoints > 0 ? c.points / c.maxPoints : 0,
          points: c.points,
          via: c.via
            ? {
                skillId: c.via.skillId,
                label: c.via.label,
                kind: c.via.kind,
                path: c.via.path,
              }
            : null,
          evidence: c.evidence
            .filter((e) => e.value > 0)
            .map((e) => ({
              credentialId: e.credentialId,
              achievementName: e.achievementName,
              issuerName: e.issuerName,
              status: e.status,
            })),
        };
      }),
    ),
  };
}

function csvField(value: string | number | boolean): string {
  let s = String(value);
  // Neutralise spreadsheet formulas in text cells (CSV injection).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * RFC 4180 CSV of a comparison: one row per job skill, one column group per candidate (coverage %, status,
 * via skill, evidence achievements), a final score row. `candidateLabels` names the columns (e.g. display names).
 */
export function comparisonToCsv(matrix: ComparisonMatrix, candidateLabels: readonly string[]): string {
  const header = ['skill', 'importance', 'must_have'];
  matrix.candidates.forEach((_, j) => {
    const name = candidateLabels[j] ?? matrix.candidates[j].candidateId;
    header.push(`${name} coverage %`, `${name} status`, `${name} via`, `${name} evidence`);
  });
  const lines = [header.map(csvField).join(',')];
  matrix.skills.forEach((skill, i) => {
    const row: (string | number | boolean)[] = [skill.label, skill.importance, skill.mustHave];
    matrix.cells[i].forEach((cell) => {
      row.push(
        Math.round(cell.coverage * 1000) / 10,
        cell.status,
        cell.via ? `${cell.via.label} (${cell.via.kind})` : '',
        cell.evidence.map((e) => [e.achievementName, e.issuerName].filter(Boolean).join(' — ')).join('; '),
      );
    });
    lines.push(row.map(csvField).join(','));
  });
  const total: (string | number | boolean)[] = ['TOTAL SCORE', '', ''];
  matrix.candidates.forEach((c) =>
    total.push(
      Math.round(c.score * 1000) / 10,
      c.mustHavesMet ? 'must-haves met' : 'must-have missing',
      '',
      '',
    ),
  );
  lines.push(total.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}
