import { deflateSync, zipSync, strToU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createVerificationRuntime,
  verifyFile,
  type VerificationRuntime,
} from '@/server/adapters/credentials/verify-file';
import {
  DEFAULT_EXTRACTION_LIMITS,
  extractCredentials,
} from '@/server/adapters/credentials/extract-credentials';
import { extractPngBaking } from '@/server/adapters/credentials/png-reader';
import { createTestIssuer, unsignedJwt, type TestIssuer } from '@/tests/helpers/credential-builders';

/**
 * A generated corpus of hostile and broken uploads. Each must yield a per-file result a user understands,
 * never an exception, and never stop the rest of a wallet from being read.
 */
const NOW = new Date('2026-06-01T00:00:00Z');
let runtime: VerificationRuntime;
let issuer: TestIssuer;
let good: Uint8Array;

beforeAll(async () => {
  issuer = await createTestIssuer(21);
  runtime = createVerificationRuntime({ documents: issuer.documents });
  good = strToU8(JSON.stringify(await issuer.signDataIntegrity(issuer.credential())));
});

const u8 = (s: string) => strToU8(s);

// ---- PNG builders -------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array, badCrc = false): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(u8(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, badCrc ? 0 : crc(out.subarray(4, 8 + data.length)));
  return out;
}
function png(...chunks: Uint8Array[]): Uint8Array {
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
const IHDR = chunk('IHDR', new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
const IEND = chunk('IEND', new Uint8Array());
function iTXt(keyword: string, text: string, compressed = false): Uint8Array {
  const body = compressed ? deflateSync(u8(text)) : u8(text);
  const head = u8(`${keyword}\0${compressed ? '\u0001' : '\0'}\0\0\0`);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return chunk('iTXt', out);
}

async function run(name: string, bytes: Uint8Array) {
  return verifyFile(name, bytes, runtime, { now: NOW });
}

function reasonOf(results: Awaited<ReturnType<typeof run>>): string {
  return results
    .map((r) =>
      r.verification.checks
        .filter((c) => c.status === 'fail' || c.status === 'unknown')
        .map((c) => c.reason)
        .join(' '),
    )
    .join(' | ');
}

const corpus: { name: string; bytes: () => Uint8Array; status: string; reason: RegExp }[] = [
  {
    name: 'malformed.json',
    bytes: () => u8('{"@context": ["https://www.w3.org/ns/credentials/v2",'),
    status: 'invalid',
    reason: /not valid JSON/,
  },
  { name: 'empty.json', bytes: () => u8('   '), status: 'invalid', reason: /empty/ },
  { name: 'number.json', bytes: () => u8('42'), status: 'invalid', reason: /Unknown format/ },
  { name: 'null-in-array.json', bytes: () => u8('[null]'), status: 'invalid', reason: /found null/ },
  {
    name: 'random.bin',
    bytes: () => new Uint8Array([0xff, 0xfe, 0x00, 0x81, 0x90]),
    status: 'invalid',
    reason: /Unknown binary format/,
  },
  {
    name: 'not-a-credential.json',
    bytes: () => u8('{"hello":"world"}'),
    status: 'invalid',
    reason: /not a recognized credential/,
  },
  { name: 'plain.txt', bytes: () => u8('my badge, trust me'), status: 'invalid', reason: /Unknown format/ },
  {
    name: 'issuer-wrong-type.json',
    bytes: () => u8(JSON.stringify({ ...issuer.credential(), issuer: 42 })),
    status: 'invalid',
    reason: /issuer must be/,
  },
  {
    name: 'subject-wrong-type.json',
    bytes: () => u8(JSON.stringify({ ...issuer.credential(), credentialSubject: 'me' })),
    status: 'invalid',
    reason: /credentialSubject must be/,
  },
  {
    name: 'bad-date.json',
    bytes: () => u8(JSON.stringify({ ...issuer.credential(), validUntil: 'soon' })),
    status: 'invalid',
    reason: /not a valid date/,
  },
  {
    name: 'wrong-first-context.json',
    bytes: () =>
      u8(
        JSON.stringify({
          ...issuer.credential(),
          '@context': ['https://example.org/ctx', 'https://www.w3.org/ns/credentials/v2'],
        }),
      ),
    status: 'invalid',
    reason: /first @context/,
  },
  {
    name: 'alg-none.jwt',
    bytes: () => u8(unsignedJwt({ vc: issuer.credential() })),
    status: 'invalid',
    reason: /alg "none"/,
  },
  {
    name: 'hs256.jwt',
    bytes: () =>
      u8(
        `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify({ vc: issuer.credential() })).toString('base64url')}.c2ln`,
      ),
    status: 'invalid',
    reason: /"HS256" is not accepted/,
  },
  {
    name: 'bad-payload.jwt',
    bytes: () => u8('eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.c2ln'),
    status: 'invalid',
    reason: /payload is not a JSON object/,
  },
  {
    name: 'header-only.jwt',
    bytes: () => u8(Buffer.from('{"alg":"RS256","typ":"JWT","x":"yyyyyyyy"}').toString('base64url')),
    status: 'invalid',
    reason: /only a JOSE header/,
  },
  {
    name: 'big.json',
    bytes: () => new Uint8Array(DEFAULT_EXTRACTION_LIMITS.maxFileBytes + 1).fill(0x20),
    status: 'invalid',
    reason: /over the .*-byte limit/,
  },
  {
    name: 'no-baking.png',
    bytes: () => png(IHDR, IEND),
    status: 'invalid',
    reason: /carries no baked badge/,
  },
  { name: 'truncated.png', bytes: () => png(IHDR).subarray(0, 20), status: 'invalid', reason: /truncated/ },
  {
    name: 'bad-crc.png',
    bytes: () => png(IHDR, chunk('tEXt', u8('a\0b'), true), IEND),
    status: 'invalid',
    reason: /CRC/,
  },
  {
    name: 'oversized-chunk.png',
    bytes: () => {
      const p = png(IHDR, IEND);
      new DataView(p.buffer).setUint32(8, 0x7ffffff0);
      return p;
    },
    status: 'invalid',
    reason: /declares .* bytes, more than the file holds/,
  },
  {
    name: 'baked-garbage.png',
    bytes: () => png(IHDR, iTXt('openbadgecredential', 'not json, not jwt'), IEND),
    status: 'invalid',
    reason: /Unknown format/,
  },
  {
    name: 'svg-entity.svg',
    bytes: () =>
      u8(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion>&xxe;</openbadges:assertion></svg>',
      ),
    status: 'invalid',
    reason: /entities/,
  },
  {
    name: 'svg-external-dtd.svg',
    bytes: () =>
      u8(
        '<?xml version="1.0"?><!DOCTYPE svg SYSTEM "http://attacker.example/evil.dtd"><svg xmlns="http://www.w3.org/2000/svg"></svg>',
      ),
    status: 'invalid',
    reason: /non-standard DOCTYPE/,
  },
  {
    name: 'svg-billion-laughs.svg',
    bytes: () =>
      u8(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><svg>&lol2;</svg>',
      ),
    status: 'invalid',
    reason: /entities/,
  },
  {
    name: 'svg-broken.svg',
    bytes: () => u8('<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion>{}</svg>'),
    status: 'invalid',
    reason: /not well-formed/,
  },
  {
    name: 'unknown-suite.json',
    bytes: () =>
      u8(
        JSON.stringify({
          ...issuer.credential(),
          proof: {
            type: 'RsaSignature2018',
            proofPurpose: 'assertionMethod',
            verificationMethod: 'did:example:1#k',
            jws: 'x',
          },
        }),
      ),
    status: 'unverifiable',
    reason: /unsupported proof suite/,
  },
  {
    name: 'unknown-cryptosuite.json',
    bytes: () =>
      u8(
        JSON.stringify({
          ...issuer.credential(),
          proof: {
            type: 'DataIntegrityProof',
            cryptosuite: 'ecdsa-rdfc-2019',
            proofPurpose: 'assertionMethod',
            verificationMethod: 'did:example:1#k',
            proofValue: 'z1',
          },
        }),
      ),
    status: 'unverifiable',
    reason: /ecdsa-rdfc-2019: unsupported proof suite/,
  },
  {
    name: 'unknown-context.json',
    bytes: () => u8(''),
    status: 'unverifiable',
    reason: /https:\/\/contexts\.unknown\.example\/v1 is not bundled.*outbound fetching is off/,
  },
  {
    name: 'malformed-proof.json',
    bytes: () => u8(''),
    status: 'invalid',
    reason: /signature|proofValue|Signature/,
  },
];

describe('bad input corpus', () => {
  beforeAll(async () => {
    const unknownCtx = corpus.find((c) => c.name === 'unknown-context.json')!;
    const signed = await issuer.signDataIntegrity(issuer.credential());
    const withCtx = {
      ...signed,
      '@context': [...(signed['@context'] as string[]), 'https://contexts.unknown.example/v1'],
    };
    unknownCtx.bytes = () => u8(JSON.stringify(withCtx));
    const malformed = corpus.find((c) => c.name === 'malformed-proof.json')!;
    const broken = structuredClone(signed) as Record<string, unknown>;
    (broken.proof as Record<string, unknown>).proofValue = 'not-multibase!';
    malformed.bytes = () => u8(JSON.stringify(broken));
  });

  for (const entry of corpus) {
    it(`${entry.name} → ${entry.status} with a clear reason`, async () => {
      const results = await run(entry.name, entry.bytes());
      expect(results.length).toBeGreaterThan(0);
      expect(results[0]!.verification.status).toBe(entry.status);
      expect(reasonOf(results)).toMatch(entry.reason);
    });
  }

  it('refuses a zip bomb by ratio while inflating, not by trusting headers', async () => {
    const bomb = zipSync({ 'huge.json': new Uint8Array(30_000_000) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    const results = await run('bomb.zip', bomb);
    expect(results).toHaveLength(1);
    expect(reasonOf(results)).toMatch(/zip bomb|larger than|over the/);
  });

  it('refuses archives with too many files or too many bytes', () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`c${i}.json`, good])));
    const limits = {
      ...DEFAULT_EXTRACTION_LIMITS,
      archive: { ...DEFAULT_EXTRACTION_LIMITS.archive, maxEntries: 10 },
    };
    expect(extractCredentials('many.zip', many, limits).problems[0]!.reason).toMatch(/more than 10 files/);
    const totalLimits = {
      ...DEFAULT_EXTRACTION_LIMITS,
      archive: { ...DEFAULT_EXTRACTION_LIMITS.archive, maxTotalBytes: good.length * 3 },
    };
    expect(extractCredentials('many.zip', many, totalLimits).problems[0]!.reason).toMatch(/uncompressed/);
  });

  it('refuses nested archives but still reads the rest of the wallet', async () => {
    const inner = zipSync({ 'a.json': good });
    const outer = zipSync({ 'inner.zip': inner, 'good.json': good, 'broken.json': u8('{nope') });
    const results = await run('wallet.zip', outer);
    const bySource = Object.fromEntries(results.map((r) => [r.source, r.verification]));
    expect(bySource['wallet.zip > inner.zip']!.checks[0]!.reason).toMatch(/Archives inside archives/);
    expect(bySource['wallet.zip > good.json']!.status).toBe('verified');
    expect(bySource['wallet.zip > broken.json']!.status).toBe('invalid');
  });

  it('reads a corrupt archive as one clear error', async () => {
    const zip = zipSync({ 'a.json': good });
    const corrupt = zip.slice(0, Math.floor(zip.length / 2));
    const results = await run('corrupt.zip', corrupt);
    expect(results[0]!.verification.status).toBe('invalid');
  });

  it('reads compressed iTXt baking and caps its inflated size', () => {
    const text = new TextDecoder().decode(good);
    expect(extractPngBaking(png(IHDR, iTXt('openbadgecredential', text, true), IEND))[0]!.text).toBe(text);
    expect(() =>
      extractPngBaking(png(IHDR, iTXt('openbadgecredential', ' '.repeat(3_000_000), true), IEND)),
    ).toThrow(/too large/);
  });

  it('keeps reading a wallet array when one element is bad', async () => {
    const arr = u8(`[${new TextDecoder().decode(good)}, 17, {"type":"VerifiableCredential"}]`);
    const results = await run('wallet.json', arr);
    expect(results.map((r) => r.verification.status)).toEqual(['verified', 'invalid', 'invalid']);
  });
});
