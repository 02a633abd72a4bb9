import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Operator-supplied JSON-LD contexts (those no npm package ships: CLR 2.0, OB 2.0, W3C examples …),
 * read from the folder named by CREDENTIAL_CONTEXTS_DIR. Every file is pinned by sha256, declared either
 * in `manifest.json` (`{ "contexts": [{ "url": "...", "urls"?: [...], "file": "...", "sha256": "..." }] }`)
 * or in a `SOURCES.md` table with columns `file | served at | bytes | sha256` (the served-at cell may list
 * several URLs). A file whose hash does not match is refused and reported, never loaded.
 */
export interface ContextsDirResult {
  contexts: Map<string, object>;
  problems: string[];
}

interface Entry {
  urls: string[];
  file: string;
  sha256: string;
}

function entriesFromManifest(dir: string): Entry[] | null {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestPath)) return null;
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as {
    contexts?: { url?: string; urls?: string[]; file?: string; sha256?: string }[];
  };
  return (manifest.contexts ?? []).flatMap((c) => {
    const urls = [...(c.url ? [c.url] : []), ...(c.urls ?? [])];
    return c.file && c.sha256 && urls.length ? [{ urls, file: c.file, sha256: c.sha256.toLowerCase() }] : [];
  });
}

function entriesFromSourcesTable(dir: string): Entry[] | null {
  const sourcesPath = path.join(dir, 'SOURCES.md');
  if (!fs.existsSync(sourcesPath)) return null;
  const entries: Entry[] = [];
  for (const line of fs.readFileSync(sourcesPath, 'utf8').split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line.split('|').map((c) => c.trim());
    const file = cells[1];
    const sha = cells.find((c) => /^[0-9a-f]{64}$/i.test(c));
    const urls = (cells[2] ?? '').match(/https?:\/\/[^\s)]+/g) ?? [];
    if (file && sha && urls.length && !file.includes(' '))
      entries.push({ urls, file, sha256: sha.toLowerCase() });
  }
  return entries;
}

export function loadContextsDir(dir: string): ContextsDirResult {
  const contexts = new Map<string, object>();
  const problems: string[] = [];
  if (!fs.existsSync(dir)) {
    return { contexts, problems: [`Credential contexts folder ${dir} does not exist.`] };
  }
  const entries = entriesFromManifest(dir) ?? entriesFromSourcesTable(dir);
  if (!entries) {
    return {
      contexts,
      problems: [`Credential contexts folder ${dir} has neither manifest.json nor SOURCES.md.`],
    };
  }
  for (const entry of entries) {
    const file = path.resolve(dir, entry.file);
    if (!file.startsWith(path.resolve(dir) + path.sep)) {
      problems.push(`Context file ${entry.file} is outside the contexts folder; ignored.`);
      continue;
    }
    if (!fs.existsSync(file)) {
      problems.push(`Context file ${entry.file} is listed but missing.`);
      continue;
    }
    const bytes = fs.readFileSync(file);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== entry.sha256) {
      problems.push(
        `Context file ${entry.file} does not match its pinned sha256 (expected ${entry.sha256}, got ${actual}); ignored.`,
      );
      continue;
    }
    try {
      const doc = JSON.parse(bytes.toString('utf8')) as object;
      for (const url of entry.urls) contexts.set(url, doc);
    } catch {
      problems.push(`Context file ${entry.file} is not valid JSON; ignored.`);
    }
  }
  return { contexts, problems };
}
