'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { EmptyState, ErrorMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { LoadingRows } from '@/components/ui/skeleton';
import { BranchChart } from './branch-chart';
import { CheckboxField } from '@/components/ui/checkbox-field';
import { SkillEvidenceItem } from './skill-evidence';

const stateTone = { proposed: 'neutral', confirmed: 'success', rejected: 'danger' } as const;
const stateText = { proposed: 'Suggested', confirmed: 'Confirmed', rejected: 'Rejected' } as const;

/** The candidate's mapped skills by taxonomy branch, each with the credential text that proves it. */
export function MySkills() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [showRejected, setShowRejected] = useState(false);
  const skills = useQuery(trpc.skills.listMine.queryOptions({ includeRejected: showRejected }));
  const credentials = useQuery(trpc.credentials.list.queryOptions());
  const credentialName = new Map(
    (credentials.data ?? []).map((item) => [item.id, { name: item.achievementName, status: item.status }]),
  );
  const onDone = {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.skills.listMine.queryKey() }),
  };
  const confirm = useMutation(trpc.skills.confirm.mutationOptions(onDone));
  const reject = useMutation(trpc.skills.reject.mutationOptions(onDone));
  const clear = useMutation(trpc.skills.clearDecision.mutationOptions(onDone));
  const pendingSkill =
    (confirm.isPending && confirm.variables?.skillId) ||
    (reject.isPending && reject.variables?.skillId) ||
    (clear.isPending && clear.variables?.skillId) ||
    null;
  const mutationError = confirm.error ?? reject.error ?? clear.error;

  if (skills.isPending) return <LoadingRows rows={4} label="Loading your skills" />;
  if (skills.error) return <ErrorMessage error={skills.error} action="load your skills" />;
  const branches = skills.data;
  const total = branches.reduce((sum, branch) => sum + branch.skills.length, 0);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">
          {total} skill{total === 1 ? '' : 's'} found in your credentials. Confirm the ones that are right;
          reject the ones that are not — rejected skills never come back.
        </p>
        <CheckboxField
          checked={showRejected}
          onCheckedChange={setShowRejected}
          className="text-sm text-slate-700"
        >
          Show rejected skills
        </CheckboxField>
      </div>
      {mutationError ? <ErrorMessage error={mutationError} action="save your decision" /> : null}
      {total === 0 ? (
        <EmptyState title="No skills yet">
          Upload credentials: the skills they describe appear here, grouped by area.
        </EmptyState>
      ) : (
        <>
          <Card className="p-4">
            <h2 className="mb-3 text-sm font-semibold text-slate-800">Your skills by area</h2>
            <BranchChart
              branches={branches.map((branch) => ({
                label: branch.branchLabel,
                confirmed: branch.skills.filter((skill) => skill.state === 'confirmed').length,
                proposed: branch.skills.filter((skill) => skill.state === 'proposed').length,
              }))}
            />
          </Card>
          {branches.map((branch) => (
            <section
              key={branch.branchId ?? 'other'}
              aria-labelledby={`branch-${branch.branchId ?? 'other'}`}
              className="space-y-2"
            >
              <h2
                id={`branch-${branch.branchId ?? 'other'}`}
                className="text-base font-semibold text-slate-900"
              >
                {branch.branchLabel}{' '}
                <span className="text-sm font-normal text-slate-500">({branch.skills.length})</span>
              </h2>
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
                {branch.skills.map((skill) => (
                  <li
                    key={skill.skillId}
                    className="px-4 py-3"
                    data-testid="skill-row"
                    data-state={skill.state}
                  >
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium text-slate-900">{skill.label}</span>
                      <Badge tone={stateTone[skill.state]}>{stateText[skill.state]}</Badge>
                      <span className="text-xs text-slate-500">
                        confidence {Math.round(skill.confidence * 100)}%
                      </span>
                      <span className="ml-auto flex gap-2">
                        {skill.state !== 'confirmed' ? (
                          <Button
                            size="sm"
                            variant="secondary"
                            disabled={pendingSkill === skill.skillId}
                            onClick={() => confirm.mutate({ skillId: skill.skillId })}
                            aria-label={`Confirm ${skill.label}`}
                          >
                            Confirm
                          </Button>
                        ) : null}
                        {skill.state !== 'rejected' ? (
                          <Button
                            size="sm"
                            variant="ghost"
                            disabled={pendingSkill === skill.skillId}
                            onClick={() => reject.mutate({ skillId: skill.skillId })}
                            aria-label={`Reject ${skill.label}`}
                          >
                            Reject
                          </Button>
                        ) : null}
                        {skill.state !== 'proposed' ? (
                          <Button
                            size="sm"
                            variant="ghost"
                            disabled={pendingSkill === skill.skillId}
                            onClick={() => clear.mutate({ skillId: skill.skillId })}
                            aria-label={`Undo the decision on ${skill.label}`}
                          >
                            Undo
                          </Button>
                        ) : null}
                      </span>
                    </div>
                    <details className="mt-1 text-sm">
                      <summary className="cursor-pointer text-brand-700">
                        Evidence ({skill.evidence.length})
                      </summary>
                      <ul className="mt-2 space-y-1.5">
                        {skill.evidence.map((evidence, index) => {
                          const credential = evidence.credentialId
                            ? credentialName.get(evidence.credentialId)
                            : undefined;
                          return (
                            <SkillEvidenceItem
                              key={index}
                              span={evidence.span}
                              source={
                                credential
                                  ? `${credential.name} (${credential.status.replace(/_/g, ' ')})`
                                  : null
                              }
                              field={evidence.field}
                              method={evidence.method}
                              confidence={evidence.confidence}
                            />
                          );
                        })}
                      </ul>
                    </details>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
