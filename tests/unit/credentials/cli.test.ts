import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestIssuer, tamper } from '@/tests/helpers/credential-builders';

const run = promisify(execFile);

describe('npm run credentials:verify', () => {
  it('prints one JSON line per credential, with per-file errors, and --strict sets the exit code', async () => {
    const issuer = await createTestIssuer(51);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const good = path.join(dir, 'good.json');
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(good, JSON.stringify(await issuer.signDataIntegrity(issuer.credential())));
    fs.writeFileSync(bad, JSON.stringify(tamper(await issuer.signDataIntegrity(issuer.credential()))));
    const missing = path.join(dir, 'missing.json');
    const tsx = path.resolve('node_modules/.bin/tsx');
    const args = ['scripts/credentials-verify.ts', '--now', '2026-06-01T00:00:00Z', good, bad, missing];
    const { stdout } = await run(tsx, args, { env: { ...process.env, OUTBOUND_FETCH_ENABLED: 'false' } });
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.file, l.index, l.format, l.status])).toEqual([
      [good, 0, 'vc-ldp', 'verified'],
      [bad, 0, 'vc-ldp', 'invalid'],
      [missing, 0, null, 'invalid'],
    ]);
    for (const line of lines) {
      expect(Array.isArray(line.checks)).toBe(true);
      for (const check of line.checks as { name: string; status: string; reason: string }[]) {
        expect(Object.keys(check).sort()).toEqual(['name', 'reason', 'status']);
      }
    }
    const strict = await run(tsx, ['scripts/credentials-verify.ts', '--strict', bad]).then(
      () => 0,
      (error: { code: number }) => error.code,
    );
    expect(strict).toBe(1);
  }, 60_000);
});
