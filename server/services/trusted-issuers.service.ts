import type { Db, Tx } from '@/db/client';
import type { Actor } from '@/server/domain/auth/actor';
import { DomainError } from '@/server/domain/errors';
import { isIssuerTrusted } from '@/server/domain/credentials/issuer-trust';
import type { TrustedIssuerEntry } from '@/server/domain/credentials/model';
import {
  allTrustedIssuerEntries,
  deleteTrustedIssuer,
  insertTrustedIssuer,
  issuerTrustFlags,
  listTrustedIssuers,
  setIssuerTrust,
} from '@/server/adapters/db/credential.repo';
import { enqueueCandidateChange } from './outbox';

function adminOrganization(actor: Actor): string {
  if (actor.role !== 'org_admin' || !actor.organizationId)
    throw new DomainError('FORBIDDEN', 'Only organization admins manage trusted issuers.');
  return actor.organizationId;
}

/** Normalizes and validates an entry so the same issuer cannot be listed twice under different spellings. */
export function normalizeTrustedIssuer(kind: TrustedIssuerEntry['kind'], raw: string): string {
  const value = raw.trim();
  switch (kind) {
    case 'did':
      if (!/^did:[a-z0-9]+:[^\s#]+$/i.test(value.split('#')[0]!))
        throw new DomainError('BAD_INPUT', 'A DID looks like did:web:example.edu or did:key:z6Mk….');
      return value.split('#')[0]!;
    case 'issuer_id':
      if (!/^(https?:\/\/\S+|urn:\S+|did:\S+)$/i.test(value))
        throw new DomainError(
          'BAD_INPUT',
          'An issuer id is the issuer URL (https://…), a URN or a DID, exactly as credentials name it.',
        );
      return value.replace(/\/+$/, '');
    case 'domain': {
      const host = value
        .toLowerCase()
        .replace(/^https?:\/\//, '')
        .replace(/^\*\./, '')
        .replace(/[/:].*$/, '')
        .replace(/\.$/, '');
      if (!/^([a-z0-9-]+\.)+[a-z]{2,}$/.test(host))
        throw new DomainError(
          'BAD_INPUT',
          'A domain looks like example.edu (it also covers its subdomains).',
        );
      return host;
    }
  }
}

/**
 * Recomputes the stored `issuer_trusted` flag (issuer on any organization's list) for every issuer after a
 * list changed, and queues the candidates whose credentials flipped. Only trust changes: signatures,
 * dates and revocation are not re-checked.
 */
async function reevaluateTrust(tx: Tx): Promise<number> {
  const entries = await allTrustedIssuerEntries(tx);
  const flags = await issuerTrustFlags(tx);
  const nowTrusted: string[] = [];
  const nowUntrusted: string[] = [];
  for (const { issuerId, trusted } of flags) {
    const should = isIssuerTrusted(issuerId, entries);
    if (should && !trusted) nowTrusted.push(issuerId);
    if (!should && trusted) nowUntrusted.push(issuerId);
  }
  const affected = new Set([
    ...(await setIssuerTrust(tx, nowTrusted, true)),
    ...(await setIssuerTrust(tx, nowUntrusted, false)),
  ]);
  for (const candidateId of affected) await enqueueCandidateChange(tx, candidateId, 'issuer_trust_changed');
  return affected.size;
}

export function createTrustedIssuersService(db: Db) {
  return {
    async list(actor: Actor) {
      return listTrustedIssuers(db, adminOrganization(actor));
    },

    async add(
      actor: Actor,
      input: { kind: TrustedIssuerEntry['kind']; value: string; label?: string | null },
    ) {
      const organizationId = adminOrganization(actor);
      const value = normalizeTrustedIssuer(input.kind, input.value);
      return db.transaction(async (tx) => {
        const row = await insertTrustedIssuer(tx, {
          organizationId,
          kind: input.kind,
          value,
          label: input.label?.trim() || null,
          createdBy: actor.userId,
        });
        if (!row) throw new DomainError('CONFLICT', 'This issuer is already on your trusted list.');
        const candidatesAffected = await reevaluateTrust(tx);
        return { id: row.id, kind: input.kind, value, candidatesAffected };
      });
    },

    async remove(actor: Actor, input: { id: string }) {
      const organizationId = adminOrganization(actor);
      return db.transaction(async (tx) => {
        if (!(await deleteTrustedIssuer(tx, organizationId, input.id)))
          throw new DomainError('NOT_FOUND', 'Trusted issuer not found.');
        const candidatesAffected = await reevaluateTrust(tx);
        return { removed: input.id, candidatesAffected };
      });
    },
  };
}

export type TrustedIssuersService = ReturnType<typeof createTrustedIssuersService>;
