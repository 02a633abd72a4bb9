import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVerificationRuntime, verifyFile } from '@/server/adapters/credentials/verify-file';
import { credentialFixturesDir, hasSharedFixtures } from './shared-fixtures';

// Its own file (own process): jsonld caches resolved static contexts process-wide, so a runtime
// without the contexts folder must not share a process with one that loaded it.
describe.skipIf(!hasSharedFixtures)('without CREDENTIAL_CONTEXTS_DIR', () => {
  it('CLR 2.0 credentials are unverifiable and the reason names the missing context', async () => {
    const bare = createVerificationRuntime({});
    const bytes = fs.readFileSync(path.join(credentialFixturesDir, 'clr/1edtech-clr20-simple.json'));
    const [clr] = await verifyFile('clr.json', bytes, bare, { now: new Date('2026-11-22T12:00:00Z') });
    expect(clr!.verification.status).toBe('unverifiable');
    expect(clr!.verification.checks.find((c) => c.name === 'signature')!.reason).toMatch(
      /purl\.imsglobal\.org\/spec\/clr\/v2p0\/context-2\.0\.1\.json is not bundled/,
    );
  });
});
