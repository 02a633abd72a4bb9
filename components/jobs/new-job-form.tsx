'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { ErrorMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Input, Textarea } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { JobSkillsEditor, type EditableJobSkill } from './job-skills-editor';

/** Paste a description → edit the extracted skills → save the job. */
export function NewJobForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [title, setTitle] = useState('');
  const [location, setLocation] = useState('');
  const [description, setDescription] = useState('');
  const [skills, setSkills] = useState<EditableJobSkill[] | null>(null);
  const propose = useMutation(
    trpc.jobs.proposeSkills.mutationOptions({
      onSuccess: (proposed) =>
        setSkills(
          proposed.map((skill) => ({
            skillId: skill.skillId,
            label: skill.label,
            importance: skill.importance,
            mustHave: skill.mustHave,
            minLevel: skill.minLevel ?? null,
            evidence: skill.evidence ?? undefined,
          })),
        ),
    }),
  );
  const create = useMutation(
    trpc.jobs.create.mutationOptions({ onSuccess: (job) => router.push(`/hiring/jobs/${job.jobId}`) }),
  );
  function extract(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) {
      const firstLine = description.trim().split('\n')[0]?.slice(0, 120) ?? '';
      if (firstLine) setTitle(firstLine);
    }
    propose.mutate({ description });
  }
  function save() {
    if (!skills) return;
    create.mutate({
      title: title.trim(),
      location,
      description,
      skills: skills.map((skill) => ({
        skillId: skill.skillId,
        label: skill.label,
        importance: skill.importance,
        mustHave: skill.mustHave,
        minLevel: skill.minLevel,
        recencyMonths: null,
        evidence: skill.evidence ?? null,
      })),
    });
  }
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="1. Describe the job"
          description="Paste the job description; we find the skills it asks for."
        />
        <CardBody>
          <form onSubmit={extract} className="space-y-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <div className="space-y-1.5">
                <Label htmlFor="job-title">Job title</Label>
                <Input
                  id="job-title"
                  maxLength={200}
                  value={title}
                  onChange={(event) => setTitle(event.target.value)}
                />
              </div>
              <div className="space-y-1.5">
                <Label htmlFor="job-location">Location</Label>
                <Input
                  id="job-location"
                  maxLength={200}
                  value={location}
                  onChange={(event) => setLocation(event.target.value)}
                />
              </div>
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="job-description">Job description</Label>
              <Textarea
                id="job-description"
                required
                rows={10}
                maxLength={20_000}
                value={description}
                onChange={(event) => setDescription(event.target.value)}
                placeholder="Paste the full description, including requirements and nice-to-haves."
              />
              <p className="text-xs text-slate-500">
                {description.length.toLocaleString('en')} / 20,000 characters
              </p>
            </div>
            <Button type="submit" disabled={propose.isPending || !description.trim()}>
              {propose.isPending ? 'Finding skills…' : skills ? 'Find skills again' : 'Find skills'}
            </Button>
            {propose.error ? <ErrorMessage error={propose.error} action="read the description" /> : null}
          </form>
        </CardBody>
      </Card>
      {skills ? (
        <Card>
          <CardHeader
            title="2. Check the required skills"
            description="Set how much each skill weighs, which are must-haves, and the minimum level."
          />
          <CardBody className="space-y-4">
            <JobSkillsEditor skills={skills} onChange={setSkills} />
            <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
              <Button onClick={save} disabled={create.isPending || !title.trim() || skills.length === 0}>
                {create.isPending ? 'Saving…' : 'Save job'}
              </Button>
              {!title.trim() ? (
                <span className="text-sm text-slate-600">Give the job a title first.</span>
              ) : null}
            </div>
            {create.error ? <ErrorMessage error={create.error} action="save the job" /> : null}
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
