import { BitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list';
import { parseCredentialDate } from '@/server/domain/credentials/verification-policy';
import type { RevocationState } from '@/server/domain/credentials/model';
import type { CredentialDocumentLoader } from '@/server/adapters/jsonld/document-loader';
import { verifyLinkedDataProofs } from './ld-proof.verifier';

type Json = Record<string, unknown>;

export interface StatusOutcome {
  state: RevocationState;
  reason: string;
}

interface CachedList {
  expires: number;
  list:
    | { bits: { get(i: number): boolean; length: number }; issuerMismatch: string | null }
    | { problem: string };
}

/** Status lists are shared by many credentials: keep decoded, verified lists for a short TTL (per loader). */
const listCaches = new WeakMap<CredentialDocumentLoader, Map<string, CachedList>>();
const LIST_TTL_MS = 5 * 60_000;

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as Json).id === 'string')
    return (value as Json).id as string;
  return null;
}

function typesOf(value: Json): string[] {
  return asArray(value.type).filter((t): t is string => typeof t === 'string');
}

/** Loads, verifies and decodes a (Bitstring|StatusList2021) status list credential, or explains why not. */
async function loadStatusList(
  url: string,
  kind: 'bitstring' | '2021',
  credentialIssuer: string | null,
  purpose: string,
  loader: CredentialDocumentLoader,
  now: Date,
): Promise<CachedList['list']> {
  const cacheKey = `${kind}|${url}|${credentialIssuer}|${purpose}|${now.toISOString().slice(0, 13)}`;
  let listCache = listCaches.get(loader);
  if (!listCache) {
    listCache = new Map();
    listCaches.set(loader, listCache);
  }
  const cached = listCache.get(cacheKey);
  if (cached && cached.expires > Date.now()) return cached.list;
  const list = await (async (): Promise<CachedList['list']> => {
    let doc: Json;
    try {
      doc = (await loader.loadJson(url)) as Json;
    } catch (error) {
      return { problem: `The status list ${url} could not be loaded (${(error as Error).message}).` };
    }
    if (typeof doc !== 'object' || doc === null)
      return { problem: `The status list ${url} is not a JSON object.` };
    const wantedType = kind === 'bitstring' ? 'BitstringStatusListCredential' : 'StatusList2021Credential';
    if (!typesOf(doc).includes(wantedType))
      return { problem: `The status list credential's type must include "${wantedType}"; it is malformed.` };
    const listIssuer = idOf(doc.issuer);
    const issuerMismatch =
      credentialIssuer && listIssuer !== credentialIssuer
        ? `the status list was issued by ${listIssuer ?? 'nobody'}, not by the credential's issuer ${credentialIssuer}`
        : null;
    const from = typeof doc.validFrom === 'string' ? parseCredentialDate(doc.validFrom) : null;
    if (from && from.getTime() > now.getTime())
      return { problem: `The status list is not valid before ${from.toISOString()}.` };
    const until =
      typeof doc.validUntil === 'string'
        ? doc.validUntil
        : typeof doc.expirationDate === 'string'
          ? doc.expirationDate
          : null;
    const untilDate = until ? parseCredentialDate(until) : null;
    if (untilDate && untilDate.getTime() < now.getTime())
      return { problem: `The status list expired on ${untilDate.toISOString()}.` };
    const proofs = await verifyLinkedDataProofs(doc, listIssuer, loader);
    if (proofs.state !== 'valid')
      return { problem: `The status list's own signature is not valid (${proofs.reason}).` };
    const subject = asArray(doc.credentialSubject)[0] as Json | undefined;
    if (!subject || typeof subject.encodedList !== 'string')
      return { problem: 'The status list has no encodedList.' };
    const listPurposes = asArray(subject.statusPurpose);
    if (!listPurposes.includes(purpose))
      return { problem: `The status list is for "${listPurposes.join(', ')}", not "${purpose}".` };
    try {
      if (kind === 'bitstring') {
        const decoded = await BitstringStatusList.decode({ encodedList: subject.encodedList });
        return { bits: { get: (i: number) => decoded.getStatus(i), length: decoded.length }, issuerMismatch };
      }
      // StatusList2021: GZIP'd bits in (unprefixed) base64 or base64url; same decoder once normalized
      const base64url = subject.encodedList.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      const decoded = await BitstringStatusList.decode({ encodedList: `u${base64url}` });
      return { bits: { get: (i: number) => decoded.getStatus(i), length: decoded.length }, issuerMismatch };
    } catch (error) {
      return { problem: `The status list cannot be decoded (${(error as Error).message}).` };
    }
  })();
  if (listCache.size > 1000) listCache.clear();
  listCache.set(cacheKey, { expires: Date.now() + LIST_TTL_MS, list });
  return list;
}

async function checkListEntry(
  entry: Json,
  kind: 'bitstring' | '2021',
  issuerId: string | null,
  loader: CredentialDocumentLoader,
  now: Date,
): Promise<StatusOutcome> {
  const url = typeof entry.statusListCredential === 'string' ? entry.statusListCredential : null;
  const index = Number.parseInt(String(entry.statusListIndex ?? ''), 10);
  const purpose = typeof entry.statusPurpose === 'string' ? entry.statusPurpose : 'revocation';
  if (!url || !Number.isInteger(index) || index < 0) {
    return {
      state: 'unknown',
      reason: 'The credential status entry is malformed (no status list URL or index).',
    };
  }
  const list = await loadStatusList(url, kind, issuerId, purpose, loader, now);
  if ('problem' in list) return { state: 'unknown', reason: `Revocation status unknown: ${list.problem}` };
  if (index >= list.bits.length)
    return {
      state: 'unknown',
      reason: `Revocation status unknown: index ${index} is outside the status list.`,
    };
  const set = list.bits.get(index);
  if (list.issuerMismatch && !set) {
    // a list signed by someone else cannot vouch that the credential is still valid (a swapped list could
    // clear the bit); a set bit is still honoured, because failing safe costs nothing but a re-issue
    return {
      state: 'unknown',
      reason: `Revocation status unknown: ${list.issuerMismatch}, so its clear bit cannot confirm the credential is not ${purpose === 'suspension' ? 'suspended' : 'revoked'}.`,
    };
  }
  const mismatchNote = list.issuerMismatch ? ` Note: ${list.issuerMismatch}.` : '';
  if (purpose === 'revocation') {
    return set
      ? {
          state: 'revoked',
          reason: `The issuer has revoked this credential (status list ${url}, index ${index}).${mismatchNote}`,
        }
      : { state: 'ok', reason: `Not revoked (status list ${url}, index ${index}).` };
  }
  if (purpose === 'suspension') {
    return set
      ? {
          state: 'suspended',
          reason: `The issuer has suspended this credential (status list ${url}, index ${index}).${mismatchNote}`,
        }
      : { state: 'ok', reason: `Not suspended (status list ${url}, index ${index}).` };
  }
  return { state: 'ok', reason: `Status purpose "${purpose}" does not affect validity.` };
}

async function check1EdTechList(
  entry: Json,
  credentialId: string | null,
  loader: CredentialDocumentLoader,
): Promise<StatusOutcome> {
  const url = idOf(entry);
  if (!url) return { state: 'unknown', reason: 'The 1EdTech revocation list entry has no URL.' };
  let doc: Json;
  try {
    doc = (await loader.loadJson(url)) as Json;
  } catch (error) {
    return {
      state: 'unknown',
      reason: `Revocation status unknown: the 1EdTech revocation list ${url} could not be loaded (${(error as Error).message}).`,
    };
  }
  const revoked = asArray(doc.revokedCredential ?? doc.revokedCredentials ?? doc.revokedAssertions).map(idOf);
  if (!credentialId)
    return { state: 'unknown', reason: 'Revocation status unknown: the credential has no id to look up.' };
  return revoked.includes(credentialId)
    ? { state: 'revoked', reason: `The issuer's revocation list ${url} lists this credential.` }
    : { state: 'ok', reason: `Not on the issuer's revocation list ${url}.` };
}

/**
 * Checks every credentialStatus entry: BitstringStatusListEntry, StatusList2021Entry (verified list,
 * matching issuer, dates, purpose) and 1EdTechRevocationList. A list signed by another issuer can still
 * report a revocation (fail safe) but never confirms "not revoked". Three states, never two: when a list is
 * unreachable, malformed, expired, not yet valid, unsigned or from another issuer the answer is
 * 'unknown' with the reason, never "not revoked".
 */
export async function checkCredentialStatus(
  credential: Json,
  issuerId: string | null,
  loader: CredentialDocumentLoader,
  now: Date,
): Promise<StatusOutcome> {
  const entries = asArray(credential.credentialStatus).filter(
    (e): e is Json => typeof e === 'object' && e !== null,
  );
  if (entries.length === 0)
    return { state: 'none', reason: 'The credential declares no revocation mechanism.' };
  const outcomes: StatusOutcome[] = [];
  for (const entry of entries) {
    const type = typesOf(entry);
    if (type.includes('BitstringStatusListEntry'))
      outcomes.push(await checkListEntry(entry, 'bitstring', issuerId, loader, now));
    else if (type.includes('StatusList2021Entry'))
      outcomes.push(await checkListEntry(entry, '2021', issuerId, loader, now));
    else if (type.includes('1EdTechRevocationList'))
      outcomes.push(await check1EdTechList(entry, idOf(credential), loader));
    else
      outcomes.push({
        state: 'unknown',
        reason: `Revocation status unknown: unsupported status type "${type.join(', ') || '(none)'}".`,
      });
  }
  for (const state of ['revoked', 'suspended', 'unknown'] as const) {
    const hit = outcomes.find((o) => o.state === state);
    if (hit) return hit;
  }
  return { state: 'ok', reason: outcomes.map((o) => o.reason).join(' ') };
}

/** Test hook: forget the status lists a loader has cached. */
export function clearStatusListCache(loader: CredentialDocumentLoader): void {
  listCaches.get(loader)?.clear();
}
