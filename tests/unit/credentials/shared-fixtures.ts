import fs from 'node:fs';
import path from 'node:path';

/** ../shared (or SKILLGRAPH_SHARED_DIR): read-only fixtures that a user's clone will not have. */
export const sharedDir = process.env.SKILLGRAPH_SHARED_DIR ?? path.resolve(process.cwd(), '../shared');
export const credentialFixturesDir = path.join(sharedDir, 'fixtures/credentials');
export const contextsFixturesDir = path.join(sharedDir, 'fixtures/contexts');
export const hasSharedFixtures = fs.existsSync(path.join(credentialFixturesDir, 'SOURCES.md'));

if (!hasSharedFixtures) {
  console.warn(
    `[credentials] ${credentialFixturesDir} not found: tests on the real sample credentials are skipped.`,
  );
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(credentialFixturesDir, file), 'utf8')) as Record<
    string,
    unknown
  >;
}

/**
 * Local copies of the documents the fixtures point at (did:web DID documents, status lists, OB 2.0
 * issuer/badge/key documents), keyed by the URL the credentials use — the same offline setup SOURCES.md
 * describes. Served by the loader as local documents; the guarded fetcher stays off.
 */
export function fixtureDocuments(): Map<string, unknown> {
  const docs = new Map<string, unknown>();
  docs.set(
    'https://digitalcredentials.github.io/vc-test-fixtures/dids/oidf/did.json',
    readJson('dids/dcc-oidf-did.json'),
  );
  docs.set(
    'https://digitalcredentials.github.io/vc-test-fixtures/dids/legacy/did.json',
    readJson('dids/dcc-legacy-did.json'),
  );
  for (const file of fs.readdirSync(path.join(credentialFixturesDir, 'ob3'))) {
    const status = readJson(`ob3/${file}`).credentialStatus as { statusListCredential?: string } | undefined;
    const url = status?.statusListCredential;
    if (!url) continue;
    const local = `status-lists/dcc-statuslist-${url.split('/').pop()}.json`;
    if (fs.existsSync(path.join(credentialFixturesDir, local))) docs.set(url, readJson(local));
  }
  for (const file of fs
    .readdirSync(path.join(credentialFixturesDir, 'ob2'))
    .filter((f) => f.startsWith('assets-'))) {
    const doc = readJson(`ob2/${file}`);
    if (typeof doc.id === 'string') docs.set(doc.id, doc);
  }
  return docs;
}
