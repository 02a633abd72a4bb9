import fs from 'node:fs';
import path from 'node:path';
import jsonld from 'jsonld';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContextsDir } from '@/server/adapters/jsonld/contexts-dir';
import { createDocumentLoader } from '@/server/adapters/jsonld/document-loader';
import { useSharedActiveContexts } from '@/server/adapters/jsonld/shared-active-contexts';
import { createTestIssuer } from '@/tests/helpers/credential-builders';
import {
  contextsFixturesDir,
  credentialFixturesDir,
  fixtureDocuments,
  hasSharedFixtures,
} from './shared-fixtures';

type Json = Record<string, unknown>;

/**
 * The copy-on-write active contexts must not change a single output byte: every document is expanded and
 * canonicalized (RDFC-1.0 N-Quads, what Data Integrity proofs sign) with jsonld as shipped and with
 * sharing on, and the results compared. Proof configurations are compared too: verifiers canonicalize
 * them separately with the credential's context.
 */
async function outputs(doc: unknown, documentLoader: (url: string) => Promise<unknown>, shared: boolean) {
  useSharedActiveContexts(shared);
  const options = { documentLoader, safe: false } as Parameters<typeof jsonld.expand>[1];
  try {
    const expanded = JSON.stringify(await jsonld.expand(doc, options));
    const nquads = await jsonld.canonize(doc, {
      ...options,
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
    });
    return { expanded, nquads };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The document and, for each proof, the proof configuration with the document's context. */
function documentsOf(credential: Json): Json[] {
  const proofs = [credential.proof ?? []].flat() as Json[];
  return [
    credential,
    ...proofs.map((proof) => ({ ...proof, '@context': credential['@context'] })),
    ...([credential.verifiableCredential ?? []].flat() as Json[]).filter((c) => typeof c === 'object'),
  ];
}

async function expectSameOutputs(name: string, credential: Json, loader: (url: string) => Promise<unknown>) {
  for (const [i, doc] of documentsOf(credential).entries()) {
    const reference = await outputs(doc, loader, false);
    const shared = await outputs(doc, loader, true);
    expect(shared, `${name} document ${i}`).toEqual(reference);
  }
}

describe('shared active contexts give byte-identical JSON-LD output', () => {
  afterAll(() => useSharedActiveContexts(true));

  it('on self-issued Open Badges 3.0 credentials with achievements, alignments, results and status', async () => {
    const issuer = await createTestIssuer(7);
    const loader = createDocumentLoader().load;
    const credentials = [
      await issuer.signDataIntegrity(issuer.credential({ name: 'Data analysis' })),
      await issuer.signEd25519Signature2020(issuer.credential({ name: 'SQL', statusIndex: 3 })),
      await issuer.signDataIntegrity(
        issuer.credential({
          name: 'Welding',
          validUntil: '2030-01-01T00:00:00Z',
          extra: {
            evidence: [{ id: 'https://example.org/evidence/1', type: ['Evidence'], name: 'Portfolio' }],
          },
        }),
      ),
    ];
    for (const [i, credential] of credentials.entries())
      await expectSameOutputs(`self-issued ${i}`, credential, loader);
  });

  it.skipIf(!hasSharedFixtures)(
    'on every JSON-LD fixture in ../shared (OB 2/3, CLR, VC, presentations)',
    async () => {
      const loader = createDocumentLoader({
        contexts: loadContextsDir(contextsFixturesDir).contexts,
        documents: fixtureDocuments(),
      }).load;
      let compared = 0;
      for (const dir of ['ob2', 'ob3', 'clr', 'vc', 'wallets', 'status-lists']) {
        for (const file of fs
          .readdirSync(path.join(credentialFixturesDir, dir))
          .filter((f) => f.endsWith('.json'))) {
          const doc = JSON.parse(
            fs.readFileSync(path.join(credentialFixturesDir, dir, file), 'utf8'),
          ) as Json;
          if (!('@context' in doc)) continue;
          await expectSameOutputs(`${dir}/${file}`, doc, loader);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(30);
    },
  );
});
