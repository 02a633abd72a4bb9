import path from 'node:path';
import type { TrustedIssuerEntry } from '@/server/domain/credentials/model';
import { createGuardedFetcher, type GuardedFetcherOptions } from '@/server/adapters/http/guarded-fetcher';
import { loadContextsDir } from '@/server/adapters/jsonld/contexts-dir';
import {
  createDocumentLoader,
  type CredentialDocumentLoader,
} from '@/server/adapters/jsonld/document-loader';
import { DEFAULT_EXTRACTION_LIMITS, extractCredentials, type ExtractionLimits } from './extract-credentials';
import {
  problemToResult,
  verifyExtractedCredential,
  type VerifiedCredential,
  type VerifyContext,
} from './credential-verifier';

export interface VerificationRuntimeOptions {
  /** Folder of operator-supplied contexts (CREDENTIAL_CONTEXTS_DIR); null/undefined = none. */
  contextsDir?: string | null;
  fetch?: GuardedFetcherOptions;
  /** Local copies of documents by URL (tests, mirrors). */
  documents?: ReadonlyMap<string, unknown>;
}

export interface VerificationRuntime {
  loader: CredentialDocumentLoader;
  /** Problems found while loading the contexts folder (hash mismatches, missing files). */
  contextProblems: string[];
}

/** Builds the document loader once per process: bundled contexts, the pinned contexts folder, the guarded fetcher. */
export function createVerificationRuntime(options: VerificationRuntimeOptions = {}): VerificationRuntime {
  const dir = options.contextsDir ? path.resolve(/*turbopackIgnore: true*/ options.contextsDir) : null;
  const contexts = dir ? loadContextsDir(dir) : { contexts: new Map<string, object>(), problems: [] };
  const fetcher = options.fetch ? createGuardedFetcher(options.fetch) : undefined;
  return {
    loader: createDocumentLoader({ contexts: contexts.contexts, documents: options.documents, fetcher }),
    contextProblems: contexts.problems,
  };
}

export interface VerifyFileOptions {
  now?: Date;
  trustedIssuers?: readonly TrustedIssuerEntry[] | null;
  subjectIdentities?: VerifyContext['subjectIdentities'];
  limits?: ExtractionLimits;
  timeoutMs?: number;
}

/**
 * The one code path for uploads and the CLI: finds every credential in a file (archives, presentations,
 * CLRs, baked images unpacked) and verifies each. Returns one result per credential or unreadable part,
 * in reading order; never throws for bad input.
 */
export async function verifyFile(
  fileName: string,
  bytes: Uint8Array,
  runtime: VerificationRuntime,
  options: VerifyFileOptions = {},
): Promise<VerifiedCredential[]> {
  const extraction = extractCredentials(fileName, bytes, options.limits ?? DEFAULT_EXTRACTION_LIMITS);
  const ctx: VerifyContext = {
    loader: runtime.loader,
    now: options.now ?? new Date(),
    trustedIssuers: options.trustedIssuers ?? null,
    subjectIdentities: options.subjectIdentities,
    timeoutMs: options.timeoutMs,
  };
  const results: VerifiedCredential[] = extraction.problems.map(problemToResult);
  for (const item of extraction.credentials) results.push(await verifyExtractedCredential(item, ctx));
  return results.sort((a, b) => a.index - b.index);
}

/** The CLI / NDJSON line for one result: `{file, index, format, status, checks}`. */
export function toResultLine(
  file: string,
  result: VerifiedCredential,
): {
  file: string;
  index: number;
  source: string;
  format: string | null;
  status: string;
  keyBinding: string;
  revocation: string;
  issuerTrusted: boolean;
  checks: { name: string; status: string; reason: string }[];
} {
  return {
    file,
    index: result.index,
    source: result.source,
    format: result.format,
    status: result.verification.status,
    keyBinding: result.verification.keyBinding,
    revocation: result.verification.revocation,
    issuerTrusted: result.verification.issuerTrusted,
    checks: result.verification.checks.map((c) => ({ name: c.name, status: c.status, reason: c.reason })),
  };
}

let sharedRuntime: { key: string; runtime: VerificationRuntime } | null = null;

/**
 * The process-wide verification runtime for the app (one loader, so the static-context, did:key,
 * proof and status-list caches are shared by every request).
 */
export function sharedVerificationRuntime(options: VerificationRuntimeOptions): VerificationRuntime {
  const key = JSON.stringify({ dir: options.contextsDir ?? null, fetch: options.fetch ?? null });
  if (!sharedRuntime || sharedRuntime.key !== key)
    sharedRuntime = { key, runtime: createVerificationRuntime(options) };
  return sharedRuntime.runtime;
}
