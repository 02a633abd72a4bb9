/**
 * npm run credentials:verify -- [--now ISO] [--trust kind:value]... [--strict] <file…>
 *
 * Verifies every credential found in the given files (archives, presentations, CLRs and baked images
 * unpacked) with the same code path as uploads, ingests nothing, and prints one JSON line per credential:
 * {"file","index","source","format","status","keyBinding","revocation","issuerTrusted","checks":[{"name","status","reason"}]}.
 * Reads CREDENTIAL_CONTEXTS_DIR and the OUTBOUND_FETCH_* settings from the environment (network off by default).
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
} from '@/server/adapters/credentials/verify-file';

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
  } else if (arg === '--strict') strict = true;
  else if (arg === '--help' || arg === '-h') usage();
  else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
  else files.push(arg);
}
if (files.length === 0) usage('no files given');

const env = getEnv();
const runtime = createVerificationRuntime({
  contextsDir: env.CREDENTIAL_CONTEXTS_DIR ?? null,
  fetch: {
    enabled: env.OUTBOUND_FETCH_ENABLED,
    allowlist: env.OUTBOUND_FETCH_ALLOWLIST,
    timeoutMs: env.OUTBOUND_FETCH_TIMEOUT_MS,
    maxBytes: env.OUTBOUND_FETCH_MAX_BYTES,
  },
});
for (const problem of runtime.contextProblems) process.stderr.write(`warning: ${problem}\n`);

let allVerified = true;
for (const file of files) {
  let bytes: Uint8Array;
  try {
    const stat = fs.statSync(file);
    if (stat.size > env.UPLOAD_MAX_FILE_BYTES && !/\.zip$/i.test(file)) {
      process.stdout.write(
        `${JSON.stringify({ file, index: 0, source: path.basename(file), format: null, status: 'invalid', checks: [{ name: 'format', status: 'fail', reason: `The file is ${stat.size} bytes, over the ${env.UPLOAD_MAX_FILE_BYTES}-byte limit.` }] })}\n`,
      );
      allVerified = false;
      continue;
    }
    bytes = fs.readFileSync(file);
  } catch (error) {
    process.stdout.write(
      `${JSON.stringify({ file, index: 0, source: path.basename(file), format: null, status: 'invalid', checks: [{ name: 'format', status: 'fail', reason: `Cannot read the file: ${(error as Error).message}` }] })}\n`,
    );
    allVerified = false;
    continue;
  }
  const results = await verifyFile(path.basename(file), bytes, runtime, {
    now,
    trustedIssuers: trusted.length ? trusted : null,
  });
  for (const result of results) {
    if (result.verification.status !== 'verified') allVerified = false;
    process.stdout.write(`${JSON.stringify(toResultLine(file, result))}\n`);
  }
}
process.exitCode = strict && !allVerified ? 1 : 0;
