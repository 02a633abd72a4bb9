import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContextsDir } from '@/server/adapters/jsonld/contexts-dir';
import { createDocumentLoader, DocumentUnavailableError } from '@/server/adapters/jsonld/document-loader';
import { contextsFixturesDir, hasSharedFixtures } from './shared-fixtures';

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctx-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('operator contexts folder', () => {
  it('loads files pinned by sha256 in manifest.json and refuses a mismatch', () => {
    const good = '{"@context":{"a":"https://example.org/a"}}';
    const bad = '{"@context":{"b":"https://example.org/b"}}';
    const dir = tempDir({
      'good.json': good,
      'bad.json': bad,
      'manifest.json': JSON.stringify({
        contexts: [
          { url: 'https://example.org/good', file: 'good.json', sha256: sha(good) },
          { url: 'https://example.org/bad', file: 'bad.json', sha256: sha('something else') },
          { url: 'https://example.org/escape', file: '../etc/passwd', sha256: sha('') },
        ],
      }),
    });
    const result = loadContextsDir(dir);
    expect([...result.contexts.keys()]).toEqual(['https://example.org/good']);
    expect(result.problems.join('\n')).toMatch(/bad\.json does not match its pinned sha256/);
    expect(result.problems.join('\n')).toMatch(/outside the contexts folder/);
  });

  it.skipIf(!hasSharedFixtures)(
    'reads the SOURCES.md table of ../shared/fixtures/contexts, with every alias URL',
    () => {
      const result = loadContextsDir(contextsFixturesDir);
      expect(result.problems).toEqual([]);
      expect(result.contexts.has('https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json')).toBe(true);
      expect(result.contexts.has('https://w3id.org/openbadges/v2')).toBe(true);
      expect(result.contexts.has('https://openbadgespec.org/v2/context.json')).toBe(true);
    },
  );

  it('reports a missing folder instead of failing', () => {
    expect(loadContextsDir('/nonexistent/contexts').problems[0]).toMatch(/does not exist/);
  });
});

describe('document loader', () => {
  it('serves bundled contexts as static, resolves did:key locally, and refuses other URLs while offline', async () => {
    const loader = createDocumentLoader();
    const v2 = await loader.load('https://www.w3.org/ns/credentials/v2');
    expect(v2.tag).toBe('static');
    const did = 'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
    const doc = (await loader.load(did)).document as { id: string };
    expect(doc.id).toBe(did);
    await expect(loader.load('https://contexts.unknown.example/v1')).rejects.toBeInstanceOf(
      DocumentUnavailableError,
    );
    await expect(loader.resolveDid('did:ion:123')).rejects.toThrow(/not supported/);
  });
});
