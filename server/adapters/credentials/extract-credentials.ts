import { DEFAULT_ARCHIVE_LIMITS, readZipArchive, ArchiveError, type ArchiveLimits } from './zip-reader';
import { extractPngBaking, isPng, PngError } from './png-reader';
import { extractSvgBaking, looksLikeXml, SvgError } from './svg-reader';

/** One credential found in an uploaded file, not yet verified. */
export interface ExtractedCredential {
  /** Position among the credentials found in the uploaded file (0-based, in reading order). */
  index: number;
  /** Where it came from, e.g. `wallet.zip > badge.png > openbadgecredential` or `clr.json > credential[2]`. */
  source: string;
  kind: 'json' | 'jwt' | 'url';
  value: Record<string, unknown> | string;
  /** The credential's own bytes, verbatim where the file held exactly this credential. */
  raw: Uint8Array;
  /** Index of the CLR this credential is nested in, if any. */
  parentIndex: number | null;
}

/** A part of the file that could not be read as a credential; `reason` is for the user. */
export interface ExtractionProblem {
  index: number;
  source: string;
  reason: string;
}

export interface ExtractionResult {
  credentials: ExtractedCredential[];
  problems: ExtractionProblem[];
}

export interface ExtractionLimits {
  maxFileBytes: number;
  maxCredentialsPerFile: number;
  archive: ArchiveLimits;
}

export const DEFAULT_EXTRACTION_LIMITS: ExtractionLimits = {
  maxFileBytes: 5_000_000,
  maxCredentialsPerFile: 1_000,
  archive: DEFAULT_ARCHIVE_LIMITS,
};

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;
const encoder = new TextEncoder();

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(value: Json): string[] {
  const t = value.type ?? value['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 0x03 || bytes[2] === 0x05) &&
    (bytes[3] === 0x04 || bytes[3] === 0x06)
  );
}

/** Decodes the (unverified) JSON payload of a compact JWS, or null. */
export function decodeJwsPayload(jws: string): Json | null {
  const part = jws.split('.')[1];
  if (!part) return null;
  try {
    const json = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return isObject(json) ? json : null;
  } catch {
    return null;
  }
}

class Collector {
  credentials: ExtractedCredential[] = [];
  problems: ExtractionProblem[] = [];
  private next = 0;
  constructor(private readonly limits: ExtractionLimits) {}

  private take(): number {
    return this.next++;
  }

  full(): boolean {
    return this.next >= this.limits.maxCredentialsPerFile;
  }

  problem(source: string, reason: string): void {
    this.problems.push({ index: this.take(), source, reason });
  }

  add(c: Omit<ExtractedCredential, 'index'>): number {
    if (this.full()) {
      if (!this.problems.some((p) => p.reason.startsWith('Too many credentials'))) {
        this.problems.push({
          index: this.next,
          source: c.source,
          reason: `Too many credentials in one file (limit ${this.limits.maxCredentialsPerFile}); the rest were skipped.`,
        });
      }
      return -1;
    }
    const index = this.take();
    this.credentials.push({ ...c, index });
    return index;
  }
}

function rawOf(value: unknown): Uint8Array {
  return encoder.encode(typeof value === 'string' ? value : JSON.stringify(value));
}

/** Classifies a parsed JSON value: a credential, a presentation, a wallet array/object, or nothing known. */
function collectJson(
  value: unknown,
  source: string,
  raw: Uint8Array | null,
  out: Collector,
  depth: number,
  parent: number | null,
): void {
  if (depth > 8) {
    out.problem(source, 'Credentials are nested too deeply.');
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) out.problem(source, 'The wallet file is an empty list.');
    value.forEach((item, i) => collectJson(item, `${source}[${i}]`, null, out, depth + 1, parent));
    return;
  }
  if (typeof value === 'string') {
    collectText(value, source, null, out, depth + 1, parent);
    return;
  }
  if (!isObject(value)) {
    out.problem(source, `Expected a credential object, found ${value === null ? 'null' : typeof value}.`);
    return;
  }
  const types = typesOf(value);
  if (
    types.includes('EnvelopedVerifiableCredential') ||
    (typeof value.id === 'string' &&
      value.id.startsWith('data:application/vc') &&
      !types.includes('VerifiableCredential'))
  ) {
    const id = typeof value.id === 'string' ? value.id : '';
    const match = /^data:([^,;]+)(;base64url|;base64)?,(.*)$/s.exec(id);
    if (!match) {
      out.problem(source, 'Enveloped credential without a data: URL.');
      return;
    }
    const payload =
      match[2] === ';base64'
        ? Buffer.from(match[3]!, 'base64').toString('utf8')
        : match[2] === ';base64url' && !COMPACT_JWS.test(match[3]!)
          ? Buffer.from(match[3]!, 'base64url').toString('utf8')
          : decodeURIComponent(match[3]!);
    collectText(payload, `${source} (enveloped ${match[1]})`, null, out, depth + 1, parent);
    return;
  }
  if (types.includes('VerifiablePresentation')) {
    const vcs = value.verifiableCredential;
    const list = Array.isArray(vcs) ? vcs : vcs === undefined ? [] : [vcs];
    if (list.length === 0) out.problem(source, 'The presentation holds no credentials.');
    list.forEach((item, i) =>
      collectJson(item, `${source} > verifiableCredential[${i}]`, null, out, depth + 1, parent),
    );
    return;
  }
  const looksLikeVc =
    types.includes('VerifiableCredential') ||
    ('@context' in value && ('credentialSubject' in value || 'issuer' in value));
  const looksLikeOb2 = types.includes('Assertion') || ('badge' in value && 'recipient' in value);
  if (typeof value.payload === 'string' && Array.isArray(value.signatures)) {
    out.add({ source, kind: 'json', value, raw: raw ?? rawOf(value), parentIndex: parent });
    return;
  }
  if (looksLikeVc || looksLikeOb2) {
    const index = out.add({ source, kind: 'json', value, raw: raw ?? rawOf(value), parentIndex: parent });
    if (index >= 0 && types.includes('ClrCredential')) collectClrNested(value, source, out, depth, index);
    return;
  }
  for (const key of [
    'credentials',
    'verifiableCredential',
    'verifiableCredentials',
    'items',
    'badges',
    'assertions',
  ]) {
    if (Array.isArray(value[key])) {
      collectJson(value[key], `${source} > ${key}`, null, out, depth + 1, parent);
      return;
    }
  }
  if (isObject(value.verify) && typeof (value.verify as Json).url === 'string') {
    out.add({
      source,
      kind: 'url',
      value: (value.verify as Json).url as string,
      raw: raw ?? rawOf(value),
      parentIndex: parent,
    });
    return;
  }
  out.problem(
    source,
    'This JSON is not a recognized credential (no VerifiableCredential/Assertion type, presentation, or wallet list).',
  );
}

/** A CLR 2.0 wraps AchievementCredentials in credentialSubject.verifiableCredential: each is verified on its own. */
function collectClrNested(clr: Json, source: string, out: Collector, depth: number, parent: number): void {
  const subjects = Array.isArray(clr.credentialSubject) ? clr.credentialSubject : [clr.credentialSubject];
  for (const subject of subjects) {
    if (!isObject(subject)) continue;
    const nested = subject.verifiableCredential;
    const list = Array.isArray(nested) ? nested : nested === undefined ? [] : [nested];
    list.forEach((item, i) =>
      collectJson(item, `${source} > credential[${i}]`, null, out, depth + 1, parent),
    );
  }
}

function collectText(
  text: string,
  source: string,
  raw: Uint8Array | null,
  out: Collector,
  depth: number,
  parent: number | null,
): void {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) {
    out.problem(source, 'The file is empty.');
    return;
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      out.problem(source, `The file is not valid JSON (${(error as Error).message}).`);
      return;
    }
    collectJson(json, source, raw, out, depth, parent);
    return;
  }
  if (COMPACT_JWS.test(trimmed)) {
    const payload = decodeJwsPayload(trimmed);
    if (!payload) {
      out.problem(source, 'This looks like a JWT/JWS, but its payload is not a JSON object.');
      return;
    }
    const index = out.add({
      source,
      kind: 'jwt',
      value: trimmed,
      raw: raw ?? rawOf(trimmed),
      parentIndex: parent,
    });
    const inner = isObject(payload.vc) ? payload.vc : payload;
    if (index >= 0 && typesOf(inner).includes('ClrCredential'))
      collectClrNested(inner, source, out, depth, index);
    return;
  }
  if (/^https?:\/\/\S+$/.test(trimmed)) {
    out.add({ source, kind: 'url', value: trimmed, raw: raw ?? rawOf(trimmed), parentIndex: parent });
    return;
  }
  if (/^[A-Za-z0-9_-]{16,}$/.test(trimmed)) {
    try {
      const header = JSON.parse(Buffer.from(trimmed, 'base64url').toString('utf8')) as unknown;
      if (isObject(header) && 'alg' in header) {
        out.problem(source, 'This is only a JOSE header (no payload and no signature): not a complete JWT.');
        return;
      }
    } catch {
      // fall through to the generic message
    }
  }
  out.problem(
    source,
    'Unknown format: expected JSON, a JWT/JWS, a baked PNG or SVG badge, or a zip archive.',
  );
}

function collectBytes(
  name: string,
  bytes: Uint8Array,
  out: Collector,
  limits: ExtractionLimits,
  inArchive: boolean,
): void {
  if (bytes.length > limits.maxFileBytes) {
    out.problem(name, `The file is ${bytes.length} bytes, over the ${limits.maxFileBytes}-byte limit.`);
    return;
  }
  if (isZip(bytes) || /\.zip$/i.test(name)) {
    if (inArchive) {
      out.problem(name, 'Archives inside archives are not accepted: upload the inner archive on its own.');
      return;
    }
    let entries;
    try {
      entries = readZipArchive(bytes, limits.archive);
    } catch (error) {
      out.problem(
        name,
        error instanceof ArchiveError
          ? error.message
          : `Cannot read the archive: ${(error as Error).message}`,
      );
      return;
    }
    if (entries.length === 0) out.problem(name, 'The archive contains no files.');
    for (const entry of entries) {
      const source = `${name} > ${entry.name}`;
      if (entry.error || !entry.bytes) out.problem(source, entry.error ?? 'Unreadable entry.');
      else collectBytes(source, entry.bytes, out, limits, true);
    }
    return;
  }
  if (isPng(bytes)) {
    try {
      const baked = extractPngBaking(bytes);
      if (baked.length === 0)
        out.problem(name, 'This PNG carries no baked badge (no openbadges/openbadgecredential chunk).');
      for (const b of baked)
        collectText(b.text, `${name} > ${b.keyword}`, encoder.encode(b.text.trim()), out, 1, null);
    } catch (error) {
      out.problem(
        name,
        error instanceof PngError ? error.message : `Cannot read the PNG: ${(error as Error).message}`,
      );
    }
    return;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    out.problem(
      name,
      'Unknown binary format: expected JSON, a JWT/JWS, a baked PNG or SVG badge, or a zip archive.',
    );
    return;
  }
  if (looksLikeXml(text.replace(/^\uFEFF/, ''))) {
    try {
      const baked = extractSvgBaking(bytes);
      if (baked.length === 0)
        out.problem(
          name,
          'This SVG/XML carries no baked badge (no openbadges:assertion or openbadges:credential element).',
        );
      for (const b of baked) {
        const payload =
          b.text && !(b.text.startsWith('{') && b.verify && !b.text.includes('@context')) ? b.text : b.verify;
        if (!payload) {
          out.problem(`${name} > openbadges:${b.element}`, 'The baked element is empty.');
          continue;
        }
        collectText(payload, `${name} > openbadges:${b.element}`, encoder.encode(payload), out, 1, null);
      }
    } catch (error) {
      out.problem(
        name,
        error instanceof SvgError ? error.message : `Cannot read the SVG: ${(error as Error).message}`,
      );
    }
    return;
  }
  collectText(text, name, bytes, out, 0, null);
}

/**
 * Finds every credential in one uploaded file, whatever its packaging: JSON credential, JSON wallet
 * array/object, Verifiable Presentation (incl. EnvelopedVerifiableCredential), compact JWT/JWS, baked
 * PNG/SVG, zip archive of any of these (no nested archives), and the nested credentials of a CLR.
 * Format is sniffed from content, not from the file name. Never throws for bad input: every part that
 * cannot be read becomes a problem with a reason the user understands, and the rest is still returned.
 */
export function extractCredentials(
  fileName: string,
  bytes: Uint8Array,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
): ExtractionResult {
  const out = new Collector(limits);
  collectBytes(fileName, bytes, out, limits, false);
  return { credentials: out.credentials, problems: out.problems };
}
