import jsigs from 'jsonld-signatures';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createVerifyCryptosuite as createJcsVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import type { RemoteDocument } from 'jsonld';
import {
  DocumentUnavailableError,
  type CredentialDocumentLoader,
} from '@/server/adapters/jsonld/document-loader';

type Json = Record<string, unknown>;

/** Outcome of checking the embedded proofs of a JSON-LD document. */
export interface ProofsOutcome {
  state: 'valid' | 'invalid' | 'unchecked';
  reason: string;
  keyBinding: { state: 'confirmed' | 'unconfirmed'; reason: string } | null;
  /** Per-proof detail, e.g. `DataIntegrityProof/eddsa-rdfc-2022: ok`. */
  details: string[];
  /** True when at least one proof used a legacy / pre-standard suite name. */
  legacy: boolean;
}

interface ResolvedKey {
  vm: Json;
  binding: { state: 'confirmed' | 'unconfirmed'; reason: string };
}

class KeyUnavailable extends Error {
  constructor(
    message: string,
    public readonly invalid = false,
  ) {
    super(message);
  }
}

const MULTIBASE_ED25519 = /^z6Mk[1-9A-HJ-NP-Za-km-z]{40,50}$/;

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as Json).id === 'string')
    return (value as Json).id as string;
  return null;
}

const bare = (id: string) => id.split('#')[0]!;

/** Finds a verification method by id in a DID/controller document, resolving relative ids. */
function findVm(doc: Json, vmId: string): Json | null {
  const base = idOf(doc) ?? bare(vmId);
  const candidates = [
    ...asArray(doc.verificationMethod),
    ...asArray(doc.assertionMethod),
    ...asArray(doc.publicKey),
  ];
  for (const c of candidates) {
    if (typeof c !== 'object' || c === null) continue;
    const id = idOf(c);
    if (!id) continue;
    const absolute = id.startsWith('#') ? base + id : id;
    if (absolute === vmId) return { ...(c as Json), id: absolute };
  }
  if (idOf(doc) === vmId && (doc.publicKeyMultibase || doc.publicKeyJwk)) return doc;
  return null;
}

function listsAssertionMethod(doc: Json, vmId: string): boolean {
  const base = idOf(doc) ?? bare(vmId);
  return asArray(doc.assertionMethod).some((m) => {
    const id = idOf(m);
    return id !== null && (id.startsWith('#') ? base + id : id) === vmId;
  });
}

/**
 * Resolves a proof's verification method to a key and decides whether the key is bound to the issuer.
 * did:key: local; a bare did:key (no fragment) is dereferenced to its key deliberately. did:web and https
 * keys: through the loader (local copies, then the guarded fetcher). An https key that cannot be fetched
 * but names an Ed25519 multibase key in its fragment (the 1EdTech convention) is used as an integrity-only key.
 */
export async function resolveVerificationMethod(
  vmId: string,
  issuerId: string | null,
  loader: CredentialDocumentLoader,
): Promise<ResolvedKey> {
  if (vmId.startsWith('did:')) {
    const did = bare(vmId);
    let doc: Json;
    try {
      doc = await loader.resolveDid(did);
    } catch (error) {
      throw new KeyUnavailable(`Cannot resolve the signing key ${vmId}: ${(error as Error).message}`);
    }
    let vm: Json | null;
    let id = vmId;
    if (vmId === did) {
      const first = asArray(doc.assertionMethod)[0] ?? asArray(doc.verificationMethod)[0];
      const firstId = idOf(first);
      if (!firstId) throw new KeyUnavailable(`The DID document of ${did} lists no assertion key.`);
      id = firstId.startsWith('#') ? did + firstId : firstId;
      vm = findVm(doc, id);
    } else {
      vm = findVm(doc, vmId);
    }
    if (!vm) throw new KeyUnavailable(`The DID document of ${did} has no verification method ${vmId}.`, true);
    const authorized = listsAssertionMethod(doc, id);
    // present the key under the id the proof used, so the proof purpose matches it
    const presented = { ...vm, id: vmId, controller: did };
    const issuerDid = issuerId ? bare(issuerId) : null;
    if (!authorized) {
      return {
        vm: presented,
        binding: {
          state: 'unconfirmed',
          reason: `The key ${vmId} is not listed for assertions in ${did}'s DID document.`,
        },
      };
    }
    if (issuerDid === did) {
      return {
        vm: presented,
        binding: {
          state: 'confirmed',
          reason: `The signing key belongs to the issuer ${did} (${did.startsWith('did:key:') ? 'did:key equals the issuer' : 'listed in the issuer DID document'}).`,
        },
      };
    }
    return {
      vm: presented,
      binding: {
        state: 'unconfirmed',
        reason: `Signed with a key of ${did}, which is not the issuer (${issuerId ?? 'none'}): the key is not bound to the issuer.`,
      },
    };
  }
  if (/^https?:\/\//.test(vmId)) {
    const controllerUrl = bare(vmId);
    const fragment = vmId.includes('#') ? vmId.slice(vmId.indexOf('#') + 1) : '';
    try {
      const doc = (await loader.loadJson(vmId.includes('#') ? controllerUrl : vmId)) as Json;
      const vm = findVm(doc, vmId);
      if (!vm)
        throw new KeyUnavailable(`The document at ${controllerUrl} does not list the key ${vmId}.`, true);
      const controller = idOf(vm.controller) ?? idOf(doc);
      const confirmed =
        controller !== null &&
        issuerId !== null &&
        controller === issuerId &&
        (idOf(doc) !== controller ||
          listsAssertionMethod(doc, vmId) ||
          asArray(doc.verificationMethod).length > 0);
      return {
        vm: { ...vm, id: vmId, controller: controller ?? controllerUrl },
        binding: confirmed
          ? { state: 'confirmed', reason: `The issuer's profile ${controllerUrl} lists the signing key.` }
          : {
              state: 'unconfirmed',
              reason: `The key ${vmId} is controlled by ${controller ?? 'an unknown party'}, not by the issuer ${issuerId ?? '(none)'}.`,
            },
      };
    } catch (error) {
      if (error instanceof KeyUnavailable) throw error;
      if (MULTIBASE_ED25519.test(fragment)) {
        const why =
          error instanceof DocumentUnavailableError && error.networkNeeded
            ? 'outbound fetching is off or not allowed'
            : (error as Error).message;
        return {
          vm: { id: vmId, type: 'Multikey', controller: controllerUrl, publicKeyMultibase: fragment },
          binding: {
            state: 'unconfirmed',
            reason: `The key was taken from the verification method's URL fragment; the issuer's key list at ${controllerUrl} was not fetched (${why}). This proves integrity, not who issued it.`,
          },
        };
      }
      throw new KeyUnavailable(`Cannot fetch the signing key ${vmId}: ${(error as Error).message}`);
    }
  }
  throw new KeyUnavailable(`The signing key ${vmId} uses a scheme that cannot be resolved.`);
}

type SuiteFactory = () => unknown;

type Verifier = { verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };
const verifiers = new Map<string, Promise<Verifier>>();

/**
 * The cryptosuite's own verifier factory (Ed25519Multikey), memoized per public key: a key verifies
 * many credentials, and building the verifier re-imports the key every time.
 */
function memoizedCreateVerifier(original: unknown) {
  const create = original as (o: { verificationMethod: Record<string, unknown> }) => Promise<Verifier>;
  return ({ verificationMethod }: { verificationMethod: Record<string, unknown> }): Promise<Verifier> => {
    const key =
      typeof verificationMethod.publicKeyMultibase === 'string'
        ? verificationMethod.publicKeyMultibase
        : null;
    if (!key) return create({ verificationMethod });
    let verifier = verifiers.get(key);
    if (!verifier) {
      verifier = create({ verificationMethod });
      verifier.catch(() => verifiers.delete(key));
      if (verifiers.size > 10_000) verifiers.clear();
      verifiers.set(key, verifier);
    }
    return verifier;
  };
}

const rdfcSuite = { ...eddsaRdfc2022, createVerifier: memoizedCreateVerifier(eddsaRdfc2022.createVerifier) };

const SUITES: Record<string, { factory: SuiteFactory; legacy: boolean }> = {
  'DataIntegrityProof/eddsa-rdfc-2022': {
    factory: () => new DataIntegrityProof({ cryptosuite: rdfcSuite }),
    legacy: false,
  },
  'DataIntegrityProof/eddsa-jcs-2022': {
    factory: () => new DataIntegrityProof({ cryptosuite: createJcsVerifyCryptosuite() }),
    legacy: false,
  },
  // pre-standard name of eddsa-rdfc-2022: same algorithm, earlier identifier
  'DataIntegrityProof/eddsa-2022': {
    factory: () =>
      new DataIntegrityProof({ cryptosuite: { ...rdfcSuite, name: 'eddsa-2022' }, legacyContext: true }),
    legacy: true,
  },
  Ed25519Signature2020: { factory: () => new Ed25519Signature2020(), legacy: false },
};

function suiteKey(proof: Json): string {
  const type = typeof proof.type === 'string' ? proof.type : '(no type)';
  return type === 'DataIntegrityProof'
    ? `${type}/${typeof proof.cryptosuite === 'string' ? proof.cryptosuite : '(no cryptosuite)'}`
    : type;
}

function errorMessage(error: unknown): string {
  if (!error) return 'unknown error';
  const e = error as Error & {
    errors?: Error[];
    cause?: unknown;
    details?: { cause?: unknown; event?: { message?: string; details?: unknown } };
  };
  if (e.errors?.length) return errorMessage(e.errors[0]);
  const event = e.details?.event;
  if (event?.message)
    return `${e.message} ${event.message} ${JSON.stringify(event.details ?? {}).slice(0, 200)}`;
  return e.message || String(error);
}

function rootCause(error: unknown): unknown {
  let e = error as { errors?: unknown[]; cause?: unknown; details?: { cause?: unknown } } | undefined;
  for (let i = 0; i < 6 && e; i++) {
    if (e instanceof DocumentUnavailableError) return e;
    const next = e.errors?.[0] ?? e.details?.cause ?? e.cause;
    if (!next) break;
    e = next as typeof e;
  }
  return e;
}

type OneProof = {
  state: 'valid' | 'invalid' | 'unchecked' | 'unsupported';
  detail: string;
  binding?: ResolvedKey['binding'];
  legacy?: boolean;
};

async function verifyOneProof(
  document: Json,
  proof: Json,
  issuerId: string | null,
  loader: CredentialDocumentLoader,
): Promise<OneProof> {
  const key = suiteKey(proof);
  const suite = SUITES[key];
  if (!suite) return { state: 'unsupported', detail: `${key}: unsupported proof suite` };
  const vmId = idOf(proof.verificationMethod);
  if (!vmId) return { state: 'invalid', detail: `${key}: the proof names no verification method` };
  let resolved: ResolvedKey;
  try {
    resolved = await resolveVerificationMethod(vmId, issuerId, loader);
  } catch (error) {
    const invalid = error instanceof KeyUnavailable && error.invalid;
    return { state: invalid ? 'invalid' : 'unchecked', detail: `${key}: ${(error as Error).message}` };
  }
  const documentLoader = async (url: string): Promise<RemoteDocument> => {
    if (url === vmId) return { contextUrl: null, documentUrl: url, document: resolved.vm };
    return loader.load(url);
  };
  const controller = { id: resolved.vm.controller, assertionMethod: [vmId] };
  const purpose = new jsigs.purposes.AssertionProofPurpose({ controller });
  const result = await jsigs.verify(
    { ...document, proof },
    { suite: suite.factory(), purpose, documentLoader },
  );
  if (result.verified)
    return { state: 'valid', detail: `${key}: ok`, binding: resolved.binding, legacy: suite.legacy };
  const cause = rootCause(result.error);
  if (cause instanceof DocumentUnavailableError) {
    return { state: 'unchecked', detail: `${key}: ${cause.message}` };
  }
  const message = errorMessage(result.error);
  if (/safe mode/i.test(message)) {
    return {
      state: 'invalid',
      detail: `${key}: JSON-LD safe mode refused the credential (${message}): terms or types its contexts do not define cannot be signed or verified safely`,
    };
  }
  if (/invalid signature/i.test(message)) {
    return {
      state: 'invalid',
      detail: `${key}: the signature does not match the credential (tampered content or wrong key)`,
    };
  }
  return { state: 'invalid', detail: `${key}: ${message}` };
}

/**
 * Verifies every embedded proof of a JSON-LD credential with the digitalbazaar suites, one proof at a time.
 * Policy: all proofs of a supported suite must verify; proofs of unsupported suites are reported and
 * ignored when another proof verified (1EdTech counts them as an error, not a failure); no supported
 * proof at all leaves the signature unchecked. Key binding is the strongest binding among valid proofs.
 */
export async function verifyLinkedDataProofs(
  document: Json,
  issuerId: string | null,
  loader: CredentialDocumentLoader,
): Promise<ProofsOutcome> {
  const proofs = asArray(document.proof).filter((p): p is Json => typeof p === 'object' && p !== null);
  if (proofs.length === 0) {
    return {
      state: 'unchecked',
      reason: 'The credential is not signed (it has no proof).',
      keyBinding: null,
      details: [],
      legacy: false,
    };
  }
  const rest = { ...document };
  delete rest.proof;
  const outcomes: OneProof[] = [];
  for (const proof of proofs) outcomes.push(await verifyOneProof(rest, proof, issuerId, loader));
  const details = outcomes.map((o) => o.detail);
  const valid = outcomes.filter((o) => o.state === 'valid');
  const invalid = outcomes.filter((o) => o.state === 'invalid');
  const unchecked = outcomes.filter((o) => o.state === 'unchecked');
  const legacy = valid.some((o) => o.legacy);
  const summary = details.join('; ');
  if (invalid.length > 0)
    return {
      state: 'invalid',
      reason: `Signature check failed: ${summary}.`,
      keyBinding: null,
      details,
      legacy,
    };
  if (valid.length === 0) {
    const why = unchecked.length ? 'the signature could not be checked' : 'no proof uses a supported suite';
    return {
      state: 'unchecked',
      reason: `Not verified: ${why} (${summary}).`,
      keyBinding: null,
      details,
      legacy,
    };
  }
  if (unchecked.length > 0) {
    return {
      state: 'unchecked',
      reason: `Some proofs could not be checked (${summary}).`,
      keyBinding: null,
      details,
      legacy,
    };
  }
  const confirmed = valid.find((o) => o.binding?.state === 'confirmed');
  const binding = (confirmed ?? valid[0]!).binding ?? null;
  const legacyNote = legacy
    ? ' Uses the legacy cryptosuite name "eddsa-2022" (pre-standard eddsa-rdfc-2022).'
    : '';
  return {
    state: 'valid',
    reason: `Signature valid (${summary}).${legacyNote}`,
    keyBinding: binding,
    details,
    legacy,
  };
}
