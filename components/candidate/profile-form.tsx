'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, ErrorMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { availabilityValues, visibilityValues } from '@/server/api/schemas/accounts.schema';

type Visibility = (typeof visibilityValues)[number];
type Availability = (typeof availabilityValues)[number];

export const visibilityText: Record<Visibility, { label: string; help: string }> = {
  public: {
    label: 'Discoverable by all employers',
    help: 'Any organization on Skillgraph can find you in search.',
  },
  applied_only: {
    label: 'Only organizations I apply to',
    help: 'You appear only to organizations whose jobs you applied to.',
  },
  hidden: { label: 'Hidden', help: 'No employer can find or open your profile.' },
};

export const availabilityText: Record<Availability, string> = {
  immediately: 'Immediately',
  within_month: 'Within a month',
  within_quarter: 'Within three months',
  not_looking: 'Not looking',
};

export interface ProfileValues {
  displayName: string;
  headline: string;
  location: string;
  availability: string;
  visibility: string;
}

function asVisibility(value: string): Visibility {
  return (visibilityValues as readonly string[]).includes(value) ? (value as Visibility) : 'hidden';
}
function asAvailability(value: string): Availability {
  return (availabilityValues as readonly string[]).includes(value) ? (value as Availability) : 'not_looking';
}

/** The candidate's public profile and who may discover it. */
export function ProfileForm({ initial }: { initial: ProfileValues }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(initial.displayName);
  const [headline, setHeadline] = useState(initial.headline);
  const [location, setLocation] = useState(initial.location);
  const [availability, setAvailability] = useState<Availability>(asAvailability(initial.availability));
  const [visibility, setVisibility] = useState<Visibility>(asVisibility(initial.visibility));
  const [saved, setSaved] = useState(false);
  const update = useMutation(
    trpc.account.updateProfile.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() });
        router.refresh();
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    update.mutate({ displayName, headline, location, availability, visibility });
  }

  const fieldErrors = (
    update.error?.data as { fieldErrors?: { path: string; message: string }[] } | undefined
  )?.fieldErrors;
  const errorFor = (field: string) => fieldErrors?.find((item) => item.path === field)?.message;

  return (
    <form onSubmit={submit} className="space-y-5" aria-describedby="profile-status">
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1.5">
          <Label htmlFor="profile-name">Display name</Label>
          <Input
            id="profile-name"
            required
            maxLength={120}
            value={displayName}
            aria-invalid={Boolean(errorFor('displayName'))}
            onChange={(event) => setDisplayName(event.target.value)}
          />
          {errorFor('displayName') ? (
            <p className="text-sm text-red-700">Display name {errorFor('displayName')}.</p>
          ) : null}
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="profile-location">Location</Label>
          <Input
            id="profile-location"
            maxLength={120}
            value={location}
            onChange={(event) => setLocation(event.target.value)}
          />
        </div>
        <div className="space-y-1.5 sm:col-span-2">
          <Label htmlFor="profile-headline">Headline</Label>
          <Input
            id="profile-headline"
            maxLength={200}
            value={headline}
            onChange={(event) => setHeadline(event.target.value)}
          />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="profile-availability">Availability</Label>
          <Select
            id="profile-availability"
            value={availability}
            onChange={(event) => setAvailability(asAvailability(event.target.value))}
          >
            {availabilityValues.map((value) => (
              <option key={value} value={value}>
                {availabilityText[value]}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Who can find me</legend>
        <div className="grid gap-2 md:grid-cols-3">
          {visibilityValues.map((value) => (
            <label
              key={value}
              className="flex cursor-pointer gap-3 rounded-md border border-slate-200 bg-white p-3 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50"
            >
              <input
                type="radio"
                name="visibility"
                value={value}
                checked={visibility === value}
                onChange={() => setVisibility(value)}
                className="mt-1 accent-brand-600"
              />
              <span>
                <span className="block text-sm font-medium">{visibilityText[value].label}</span>
                <span className="block text-xs text-slate-600">{visibilityText[value].help}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save profile'}
        </Button>
        <div id="profile-status" aria-live="polite" className="min-h-6 text-sm">
          {saved && !update.isPending ? <span className="text-emerald-700">Saved.</span> : null}
        </div>
      </div>
      {update.error && !fieldErrors ? <ErrorMessage error={update.error} action="save your profile" /> : null}
      {fieldErrors && fieldErrors.length > 0 && !errorFor('displayName') ? (
        <Alert tone="error" title="Please check the form.">
          {fieldErrors.map((item) => `${item.path}: ${item.message}`).join('; ')}
        </Alert>
      ) : null}
    </form>
  );
}
