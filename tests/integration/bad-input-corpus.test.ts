import { eq } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials } from '@/db/schema';
import { handleCredentialUpload } from '@/server/adapters/http/upload-stream';
import { buildServices, type Services } from '@/server/container';
import type { Actor, Role } from '@/server/domain/auth/actor';
import { callerAs, createActor, createOrganization } from '@/tests/helpers/actors';
import { createTestIssuer } from '@/tests/helpers/credential-builders';
import { createTestDb, type TestDb } from '@/tests/helpers/db';
import {
  callPath,
  fieldsOf,
  listProcedures,
  sampleOf,
  unlimited,
  withField,
} from '@/tests/helpers/procedures';

/**
 * Bad inputs sent to EVERY procedure, one field at a time on an otherwise valid input and as the whole
 * input, as a caller the procedure admits. Only clean client errors are acceptable: never an internal
 * error, never a message carrying a stack trace or SQL.
 */
const clientErrors = new Set([
  'BAD_REQUEST',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
]);

const leaks = [
  /\n\s+at\s/, // stack frame
  /relation "|column "|violates|syntax error|duplicate key|invalid input syntax|invalid byte sequence/i,
  /\bpostgres|pglite|drizzle|sqlstate/i,
  /\bselect\b[\s\S]+\bfrom\b|\binsert into\b|\bupdate\b[\s\S]+\bset\b/i,
  /node_modules|\/work\/|file:\/\//,
];

const big = (n: number) => 'A'.repeat(n);

/** Strings for every text field: injection, traversal, unicode trouble, sizes. */
const badStrings: Record<string, string> = {
  empty: '',
  blank: '   \t  ',
  oversized_10k: big(10_000),
  oversized_1m: big(1_000_000),
  sql_tautology: "' OR '1'='1' --",
  sql_stacked: "'; DROP TABLE users; --",
  sql_sleep: '1); SELECT pg_sleep(10); --',
  sql_like_wildcards: '%_%\\',
  sql_dollar_quote: '$$; DELETE FROM candidates; $$',
  sql_placeholder: '$1 $2 ?',
  tsquery_syntax: "!(& | ) :* <-> ''",
  html_script: '<script>alert(document.cookie)</script>',
  html_img: '<img src=x onerror=alert(1)>',
  js_url: 'javascript:alert(1)',
  template_mustache: '{{7*7}}{{constructor.constructor("return process")()}}',
  template_literal: '${7*7}#{7*7}<%= 7*7 %>',
  null_byte: 'abc\u0000def',
  only_null: '\u0000',
  control_chars: 'bell\u0007back\u0008esc\u001b[31m',
  crlf_injection: 'a\r\nSet-Cookie: x=1\r\n\r\n',
  path_traversal: '../../../../etc/passwd',
  path_traversal_windows: '..\\..\\..\\windows\\win.ini',
  path_traversal_encoded: '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  path_null_extension: 'badge.png\u0000.exe',
  rtl_override: 'invoice\u202Egpj.exe',
  zero_width: 'ad\u200Bmin\u200C\u200D\uFEFF',
  lone_high_surrogate: 'x\uD800y',
  lone_low_surrogate: '\uDFFFz',
  combining_marks: 'Z' + '\u0336\u0337\u0338\u0321\u0322'.repeat(400),
  emoji_zwj: '👩‍👩‍👧‍👦🏳️‍🌈',
  nfd_accents: 'Cafe\u0301 Zu\u0308rich',
  turkish_i: 'İıİı',
  wide_unicode: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ＷＩＤＥ',
  json_like: '{"__proto__":{"isAdmin":true}}',
  uuid_zero: '00000000-0000-0000-0000-000000000000',
  not_uuid: 'not-a-uuid',
  email_like: 'a@b',
  long_email: `${big(300)}@example.com`,
  numeric_string: '123456789012345678901234567890',
  format_string: '%s%s%s%n%x',
  regex_bomb: '(a+)+$' + 'a'.repeat(50) + '!',
};

function deep(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Values of the wrong type (or absurd size) for any field. */
const badValues: Record<string, unknown> = {
  null: null,
  number: 42,
  negative: -1,
  float: 1.5,
  huge_number: 1e308,
  nan: Number.NaN,
  infinity: Number.POSITIVE_INFINITY,
  int32_overflow: 2 ** 31,
  max_safe_plus: Number.MAX_SAFE_INTEGER + 2,
  boolean: true,
  empty_array: [],
  string_array: ['a', 'b'],
  big_array: Array.from({ length: 20_000 }, (_, i) => `v${i}`),
  empty_object: {},
  operator_object: { $gt: '', $ne: null },
  proto_pollution: JSON.parse(
    '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  ),
  deep_object: deep(2_000),
  date: new Date('invalid'),
  bigint: 10n ** 30n,
};

/** Replacements for the whole input. */
const badWholeInputs: Record<string, unknown> = {
  ...badValues,
  string: 'just a string',
  sql_string: "'; DROP TABLE users; --",
  many_keys: Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i])),
};

interface Failure {
  path: string;
  caseName: string;
  problem: string;
}

function judge(outcome: unknown): string | null {
  if (outcome === undefined) return null;
  if (!(outcome instanceof TRPCError)) return `threw a non-tRPC error: ${String(outcome).slice(0, 200)}`;
  if (!clientErrors.has(outcome.code)) return `${outcome.code}: ${outcome.message.slice(0, 200)}`;
  const leak = leaks.find((pattern) => pattern.test(outcome.message));
  if (leak) return `message leaks internals (${leak}): ${outcome.message.slice(0, 200)}`;
  return null;
}

describe('bad-input corpus', () => {
  let testDb: TestDb;
  let services: Services;
  let orgId: string;
  const procedures = listProcedures();
  let corpusSize = 0;

  beforeAll(async () => {
    testDb = await createTestDb();
    services = buildServices({ db: testDb.db, rateLimiter: unlimited });
    orgId = await createOrganization(testDb.db, 'Corpus Org');
  });
  afterAll(async () => {
    console.log(
      `[bad-input-corpus] ${corpusSize} calls over ${procedures.length} procedures ` +
        `(${Object.keys(badStrings).length} bad strings and ${Object.keys(badValues).length} bad values per field, ` +
        `${Object.keys(badWholeInputs).length} bad whole inputs)`,
    );
    await testDb.close();
  });

  async function callerFor(roles: readonly Role[] | null): Promise<Actor | null> {
    const role = roles?.[0] ?? 'candidate';
    return createActor(testDb.db, role, { organizationId: role === 'candidate' ? null : orgId });
  }

  it.each(procedures.map((procedure) => [procedure.path, procedure] as const))(
    '%s answers every bad input with a clean client error',
    async (path, procedure) => {
      const access = procedure.access;
      const actor =
        access?.kind === 'roles'
          ? await callerFor(access.roles)
          : access?.kind === 'signed_in'
            ? await callerFor(null)
            : null;
      const caller = callerAs(testDb.db, actor, services);
      const base = sampleOf(procedure.input);
      const failures: Failure[] = [];
      const attempt = async (caseName: string, input: unknown) => {
        corpusSize++;
        const outcome = await callPath(caller, path, input).then(
          () => undefined,
          (error: unknown) => error,
        );
        const problem = judge(outcome);
        if (problem) failures.push({ path, caseName, problem });
      };

      for (const [name, value] of Object.entries(badWholeInputs)) await attempt(`input=${name}`, value);
      for (const field of fieldsOf(procedure.input)) {
        const at = field.path.join('.');
        for (const [name, value] of Object.entries(badStrings))
          await attempt(`${at}=${name}`, withField(base, field.path, value));
        for (const [name, value] of Object.entries(badValues))
          await attempt(`${at}=${name}`, withField(base, field.path, value));
      }
      // Unknown extra fields (mass assignment) on an otherwise valid input.
      if (base && typeof base === 'object' && !Array.isArray(base)) {
        await attempt('extra=role', {
          ...base,
          role: 'org_admin',
          organizationId: orgId,
          userId: 'someone-else',
        });
      }

      expect(
        failures,
        failures.map((failure) => `${failure.caseName}: ${failure.problem}`).join('\n'),
      ).toEqual([]);
    },
  );
});

describe('bad-input corpus: file names of uploads', () => {
  let testDb: TestDb;
  let services: Services;
  beforeAll(async () => {
    testDb = await createTestDb();
    services = buildServices({ db: testDb.db, rateLimiter: unlimited });
  });
  afterAll(async () => testDb.close());

  it('stores every credential under a plain base name, whatever the uploaded file name, and never fails', async () => {
    const candidate = await createActor(testDb.db, 'candidate');
    const issuer = await createTestIssuer(23);
    const names = Object.entries(badStrings).filter(([name]) => name !== 'oversized_1m' && name !== 'empty');
    const lines: Record<string, unknown>[] = [];
    for (const [name, fileName] of names) {
      const jwt = await issuer.signVcJwt(issuer.credential({ name: `Upload ${name}` }), 'EdDSA');
      const form = new FormData();
      form.append('files', new File([jwt], fileName, { type: 'application/jwt' }));
      const request = new Request('http://localhost/api/uploads', { method: 'POST', body: form });
      const response = await handleCredentialUpload(request, {
        actor: candidate,
        ingest: (actor, input) => services.credentials.ingestFile(actor, input),
        limits: { maxFileBytes: 1_000_000, maxTotalBytes: 5_000_000, maxFiles: 10 },
        uploadId: crypto.randomUUID(),
      });
      expect(response.status, name).toBeLessThan(500);
      const body = await response.text();
      for (const line of body.split('\n').filter(Boolean))
        lines.push({ case: name, ...(JSON.parse(line) as object) });
      expect(body, name).not.toMatch(leaks[0]!);
      expect(body, name).not.toMatch(leaks[1]!);
    }
    // Every upload ends cleanly: a result, or a refusal of the part (busboy rejects control characters in
    // headers), and always the final summary line.
    for (const [name] of names) {
      expect(
        lines.some((line) => line.case === name && line.type === 'done'),
        `${name}: summary line`,
      ).toBe(true);
    }
    const results = lines.filter((line) => line.type === 'result');
    expect(results.length).toBeGreaterThan(names.length / 2);
    for (const result of results) expect(String(result.file)).not.toMatch(/[\\/\u0000-\u001f]/);
    const stored = await testDb.db
      .select({ sourceFile: credentials.sourceFile, sourcePath: credentials.sourcePath })
      .from(credentials)
      .where(eq(credentials.candidateId, candidate.candidateId!));
    expect(stored).toHaveLength(results.filter((result) => result.stored).length);
    for (const row of stored) {
      expect(row.sourceFile).not.toMatch(/[\\/\u0000-\u001f]/);
      expect(row.sourceFile.length).toBeLessThanOrEqual(200);
    }
    corpusUploads = names.length;
  });
});

let corpusUploads = 0;
afterAll(() => {
  if (corpusUploads) console.log(`[bad-input-corpus] ${corpusUploads} uploads with hostile file names`);
});
