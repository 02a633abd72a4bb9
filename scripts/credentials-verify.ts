/**
 * npm run credentials:verify -- [--now ISO] [--trust kind:value]... [--workers N] [--strict] <file…>
 *
 * Verifies every credential found in the given files (archives, presentations, CLRs and baked images
 * unpacked) with the same code path as uploads, ingests nothing, and prints one JSON line per credential:
 * {"file","index","source","format","status","keyBinding","revocation","issuerTrusted","checks":[{"name","status","reason"}]}.
 * Reads CREDENTIAL_CONTEXTS_DIR and the OUTBOUND_FETCH_* settings from the environment (network off by default).
 * With --workers N (N > 1) files are verified in N worker threads (bulk imports); output order is unchanged.
 * Exit code: 0, or 1 with --strict when any credential is not 'verified'; 2 for usage errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getEnv } from '@/server/env';
import type { TrustedIssuerEntry } from '@/server/domain/credentials/model';
import {
  createVerificationRuntime,
  toResultLine,
  verifyFile,
  type VerificationRuntimeOptions,
} from '@/server/adapters/credentials/verify-file';
import type { VerifiedCredential } from '@/server/adapters/credentials/credential-verifier';
import { createVerifyPool } from '@/server/adapters/credentials/verify-pool';

function usage(message?: string): never {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write(
    'usage: npm run credentials:verify -- [--now ISO-8601] [--trust did:<did>|issuer_id:<url>|domain:<host>]... [--strict] <file…>\n',
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const files: string[] = [];
const trusted: TrustedIssuerEntry[] = [];
let now: Date | undefined;
let strict = false;
let workers = 1;
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--now') {
    now = new Date(args[++i] ?? '');
    if (Number.isNaN(now.getTime())) usage('--now needs an ISO-8601 date');
  } else if (arg === '--trust') {
    const value = args[++i] ?? '';
    const kind = value.slice(0, value.indexOf(':'));
    if (!['did', 'issuer_id', 'domain'].includes(kind))
      usage('--trust needs did:<did>, issuer_id:<url> or domain:<host>');
    trusted.push({ kind: kind as TrustedIssuerEntry['kind'], value: value.slice(kind.length + 1) });
  } else if (arg === '--workers') {
    workers = Number(args[++i]);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64)
      usage('--workers needs a number between 1 and 64');
  } else if (arg === '--strict') strict = true;
  else if (arg === '--help' || arg === '-h') usage();
  else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
  else files.push(arg);
}
if (files.length === 0) usage('no files given');

const env = getEnv();
const runtimeOptions: VerificationRuntimeOptions = {
  contextsDir: env.CREDENTIAL_CONTEXTS_DIR ?? null,
  fetch: {
    enabled: env.OUTBOUND_FETCH_ENABLED,
    allowlist: env.OUTBOUND_FETCH_ALLOWLIST,
    timeoutMs: env.OUTBOUND_FETCH_TIMEOUT_MS,
    maxBytes: env.OUTBOUND_FETCH_MAX_BYTES,
  },
};
const runtime = createVerificationRuntime(runtimeOptions);
for (const problem of runtime.contextProblems) process.stderr.write(`warning: ${problem}\n`);
const pool = workers > 1 && files.length > 1 ? createVerifyPool(runtimeOptions, workers) : null;
const verifyOptions = { now, trustedIssuers: trusted.length ? trusted : null };

let allVerified = true;
type Read = { file: string; error: string } | { file: string; bytes: Uint8Array };
const reads: Read[] = files.map((file) => {
  try {
    const stat = fs.statSync(file);
    if (stat.size > env.UPLOAD_MAX_FILE_BYTES) {
      return {
        file,
        error: `The file is ${stat.size} bytes, over the ${env.UPLOAD_MAX_FILE_BYTES}-byte limit.`,
      };
    }
    return { file, bytes: new Uint8Array(fs.readFileSync(file)) };
  } catch (error) {
    return { file, error: `Cannot read the file: ${(error as Error).message}` };
  }
});
// with a pool, every file starts at once on the workers; output keeps the order of the arguments
const pooled: (Promise<VerifiedCredential[]> | null)[] = reads.map((read) =>
  pool && 'bytes' in read ? pool.verify(path.basename(read.file), read.bytes, verifyOptions) : null,
);
for (let i = 0; i < reads.length; i++) {
  const read = reads[i]!;
  if ('error' in read) {
    allVerified = false;
    const line = {
      file: read.file,
      index: 0,
      source: path.basename(read.file),
      format: null,
      status: 'invalid',
    };
    process.stdout.write(
      `${JSON.stringify({ ...line, checks: [{ name: 'format', status: 'fail', reason: read.error }] })}\n`,
    );
    continue;
  }
  const results = await (pooled[i] ??
    verifyFile(path.basename(read.file), read.bytes, runtime, verifyOptions));
  for (const result of results) {
    if (result.verification.status !== 'verified') allVerified = false;
    process.stdout.write(`${JSON.stringify(toResultLine(read.file, result))}\n`);
  }
}
await pool?.close();
process.exitCode = strict && !allVerified ? 1 : 0;
