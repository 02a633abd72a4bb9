import type { RemoteDocument } from 'jsonld';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { driver as didKeyDriverFactory } from '@digitalbazaar/did-method-key';
import {
  GuardedFetchError,
  offlineFetcher,
  type GuardedFetcher,
} from '@/server/adapters/http/guarded-fetcher';
import { bundledContexts } from './static-contexts';
// every jsonld call in this process goes through a loader made here: switch jsonld to shared contexts
import './shared-active-contexts';

/** A document was needed that is neither bundled nor local, and the network is off or refused it. */
export class DocumentUnavailableError extends Error {
  constructor(
    public readonly url: string,
    message: string,
    public readonly networkNeeded: boolean,
  ) {
    super(message);
    this.name = 'DocumentUnavailableError';
  }
}

export interface DocumentLoaderOptions {
  /** Extra contexts (e.g. from CREDENTIAL_CONTEXTS_DIR), keyed by URL. */
  contexts?: ReadonlyMap<string, object>;
  /**
   * Local copies of documents keyed by URL (DID documents, status lists, OB2 issuer/badge/key documents).
   * Used by tests and by operators who mirror documents; consulted before the fetcher.
   */
  documents?: ReadonlyMap<string, unknown>;
  fetcher?: GuardedFetcher;
}

export type LoadDocument = (url: string) => Promise<RemoteDocument>;

export interface CredentialDocumentLoader {
  /** The jsonld-compatible loader: contexts (tag 'static' so jsonld caches them), did:key, then local/remote. */
  load: LoadDocument;
  /** Loads any non-context JSON document (status list, issuer profile, DID document over did:web). */
  loadJson(url: string): Promise<unknown>;
  /** Resolves a DID (did:key locally, did:web through the fetcher) to its DID document. */
  resolveDid(did: string): Promise<Record<string, unknown>>;
  isContext(url: string): boolean;
  readonly networkEnabled: boolean;
}

const didKeyDriver = didKeyDriverFactory();
didKeyDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
const didKeyCache = new Map<string, Promise<Record<string, unknown>>>();

/** did:key documents are a pure function of the DID: resolved locally and kept for the process lifetime. */
export function resolveDidKey(did: string): Promise<Record<string, unknown>> {
  const bare = did.split('#')[0]!;
  let doc = didKeyCache.get(bare);
  if (!doc) {
    doc = didKeyDriver.get({ did: bare });
    doc.catch(() => didKeyCache.delete(bare));
    if (didKeyCache.size > 10_000) didKeyCache.clear();
    didKeyCache.set(bare, doc);
  }
  return doc;
}

/** https URL of a did:web document (W3C did:web method spec). */
export function didWebUrl(did: string): string {
  const parts = did.split('#')[0]!.slice('did:web:'.length).split(':').map(decodeURIComponent);
  const host = parts.shift() ?? '';
  return parts.length
    ? `https://${host}/${parts.join('/')}/did.json`
    : `https://${host}/.well-known/did.json`;
}

export function createDocumentLoader(options: DocumentLoaderOptions = {}): CredentialDocumentLoader {
  const extraContexts = options.contexts ?? new Map<string, object>();
  const documents = options.documents ?? new Map<string, unknown>();
  const fetcher = options.fetcher ?? offlineFetcher;

  const isContext = (url: string) => bundledContexts.has(url) || extraContexts.has(url);

  async function loadJson(url: string): Promise<unknown> {
    if (documents.has(url)) return documents.get(url);
    try {
      const { json } = await fetcher.fetchJson(url);
      return json;
    } catch (error) {
      if (error instanceof GuardedFetchError) {
        throw new DocumentUnavailableError(
          url,
          error.message,
          error.reason === 'disabled' || error.reason === 'host_not_allowed',
        );
      }
      throw error;
    }
  }

  async function resolveDid(did: string): Promise<Record<string, unknown>> {
    if (did.startsWith('did:key:')) {
      try {
        return await resolveDidKey(did);
      } catch (error) {
        throw new DocumentUnavailableError(did, `Cannot resolve ${did}: ${(error as Error).message}`, false);
      }
    }
    if (did.startsWith('did:web:')) {
      const doc = await loadJson(didWebUrl(did));
      if (typeof doc !== 'object' || doc === null)
        throw new DocumentUnavailableError(did, `The DID document for ${did} is not a JSON object.`, false);
      return doc as Record<string, unknown>;
    }
    const method = did.split(':')[1] ?? '?';
    throw new DocumentUnavailableError(did, `DID method "did:${method}" is not supported.`, false);
  }

  async function load(url: string): Promise<RemoteDocument> {
    const bundled = bundledContexts.get(url) ?? extraContexts.get(url);
    if (bundled) return { contextUrl: null, documentUrl: url, document: bundled, tag: 'static' };
    if (url.startsWith('did:')) {
      const doc = await resolveDid(url);
      return { contextUrl: null, documentUrl: url, document: doc };
    }
    try {
      const document = await loadJson(url);
      return { contextUrl: null, documentUrl: url, document };
    } catch (error) {
      if (error instanceof DocumentUnavailableError && error.networkNeeded) {
        throw new DocumentUnavailableError(
          url,
          `The document ${url} is not bundled with this server, and fetching it needs the network (${error.message})`,
          true,
        );
      }
      throw error;
    }
  }

  return { load, loadJson, resolveDid, isContext, networkEnabled: fetcher.enabled };
}
