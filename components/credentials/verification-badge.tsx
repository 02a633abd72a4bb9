import { Badge, type BadgeTone } from '@/components/ui/badge';

export const verificationStatusText: Record<string, { label: string; tone: BadgeTone; help: string }> = {
  verified: { label: 'Verified', tone: 'success', help: 'Signature, dates and status all check out.' },
  invalid: { label: 'Invalid', tone: 'danger', help: 'The signature or structure does not check out.' },
  expired: { label: 'Expired', tone: 'warning', help: 'The credential is past its expiry date.' },
  not_yet_valid: { label: 'Not yet valid', tone: 'warning', help: 'The credential is not valid yet.' },
  revoked: { label: 'Revoked', tone: 'danger', help: 'The issuer has revoked this credential.' },
  unverifiable: {
    label: 'Unverifiable',
    tone: 'neutral',
    help: 'It could not be checked (no proof, or it needs a document we cannot fetch).',
  },
};

export function statusInfo(status: string) {
  return verificationStatusText[status] ?? { label: status, tone: 'neutral' as BadgeTone, help: '' };
}

const statusIcon: Record<string, string> = {
  verified: '✓',
  invalid: '✕',
  revoked: '✕',
  expired: '!',
  not_yet_valid: '!',
  unverifiable: '?',
};

/** The verification status as a coloured badge with an icon, so it does not rely on colour alone. */
export function VerificationBadge({ status }: { status: string }) {
  const info = statusInfo(status);
  return (
    <Badge tone={info.tone} data-status={status}>
      <span aria-hidden="true">{statusIcon[status] ?? '•'}</span>
      {info.label}
    </Badge>
  );
}

export const checkStatusTone: Record<string, BadgeTone> = {
  pass: 'success',
  fail: 'danger',
  warn: 'warning',
  unknown: 'neutral',
  skipped: 'neutral',
};

export const checkNameText: Record<string, string> = {
  format: 'Format',
  signature: 'Signature',
  key_binding: 'Issuer key binding',
  valid_from: 'Valid from',
  valid_until: 'Expiry',
  revocation: 'Revocation',
  issuer_trust: 'Trusted issuer',
  subject: 'Recipient',
  presentation: 'Presentation',
};

export function checkLabel(name: string): string {
  return checkNameText[name] ?? name.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}
