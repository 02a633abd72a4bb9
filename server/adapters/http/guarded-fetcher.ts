import dns from 'node:dns';
import https from 'node:https';
import net from 'node:net';
import type { LookupFunction } from 'node:net';

/**
 * The one way this product talks to the network outside the database and search engine: JSON-LD
 * contexts not bundled, did:web documents, hosted OB2 assertions, issuer profiles and status lists.
 * Off unless enabled; https only; host allowlist; every resolved address checked against private,
 * loopback, link-local and other special ranges at connection time (so DNS rebinding and redirects to
 * internal hosts are refused too); timeout; response size cap; small TTL cache.
 */
export interface GuardedFetcherOptions {
  enabled: boolean;
  /** Host names allowed; `*.example.org` or `.example.org` allows subdomains. Empty list = nothing allowed. */
  allowlist: readonly string[];
  timeoutMs: number;
  maxBytes: number;
  cacheTtlMs?: number;
  maxRedirects?: number;
  /** DNS lookup, injectable for tests. */
  lookup?: (hostname: string) => Promise<{ address: string; family: number }[]>;
}

export type FetchRefusal =
  | 'disabled'
  | 'not_https'
  | 'host_not_allowed'
  | 'private_address'
  | 'too_large'
  | 'timeout'
  | 'http_error'
  | 'bad_content'
  | 'network';

/** A request the fetcher would not make or that failed; `reason` says which rule applied. */
export class GuardedFetchError extends Error {
  constructor(
    public readonly reason: FetchRefusal,
    message: string,
    public readonly url: string,
  ) {
    super(message);
    this.name = 'GuardedFetchError';
  }
}

export interface FetchedDocument {
  url: string;
  contentType: string | null;
  body: Buffer;
}

export interface GuardedFetcher {
  readonly enabled: boolean;
  fetch(url: string, accept?: string): Promise<FetchedDocument>;
  fetchJson(url: string): Promise<{ url: string; json: unknown }>;
}

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv6');
}

/** True for loopback, private, link-local, CGNAT, multicast, documentation and other non-public addresses. */
export function isForbiddenAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const lower = address.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped) return blocked.check(mapped[1]!, 'ipv4');
    if (/^::ffff:[0-9a-f]+:[0-9a-f]+$/.test(lower)) return true;
    return blocked.check(lower, 'ipv6');
  }
  return true;
}

/** Whether a host is on the allowlist (exact, or subdomain of a `*.x` / `.x` entry). */
export function hostAllowed(host: string, allowlist: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allowlist.some((entry) => {
    const e = entry.trim().toLowerCase();
    if (!e) return false;
    if (e.startsWith('*.') || e.startsWith('.')) {
      const suffix = e.replace(/^\*?\./, '');
      return h === suffix || h.endsWith(`.${suffix}`);
    }
    return h === e;
  });
}

async function defaultLookup(hostname: string): Promise<{ address: string; family: number }[]> {
  return dns.promises.lookup(hostname, { all: true, verbatim: true });
}

export function createGuardedFetcher(options: GuardedFetcherOptions): GuardedFetcher {
  const cache = new Map<string, { expires: number; doc: FetchedDocument }>();
  const ttl = options.cacheTtlMs ?? 10 * 60_000;
  const maxRedirects = options.maxRedirects ?? 3;
  const resolve = options.lookup ?? defaultLookup;

  function checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new GuardedFetchError('bad_content', `"${raw}" is not a URL.`, raw);
    }
    if (url.protocol !== 'https:') {
      throw new GuardedFetchError('not_https', `Refusing to fetch ${raw}: only https URLs are fetched.`, raw);
    }
    if (url.username || url.password) {
      throw new GuardedFetchError(
        'host_not_allowed',
        `Refusing to fetch ${raw}: URLs with credentials are not fetched.`,
        raw,
      );
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host) && isForbiddenAddress(host)) {
      throw new GuardedFetchError(
        'private_address',
        `Refusing to fetch ${raw}: private or local address.`,
        raw,
      );
    }
    if (!hostAllowed(host, options.allowlist)) {
      throw new GuardedFetchError(
        'host_not_allowed',
        `Refusing to fetch ${raw}: host ${host} is not on the allowlist.`,
        raw,
      );
    }
    return url;
  }

  /** Resolves, refuses forbidden addresses, and hands the checked address to the socket (no second lookup). */
  const guardedLookup: LookupFunction = (hostname, opts, callback) => {
    resolve(hostname)
      .then((addresses) => {
        if (addresses.length === 0) throw new Error(`no address for ${hostname}`);
        const bad = addresses.find((a) => isForbiddenAddress(a.address));
        if (bad) {
          const err = new GuardedFetchError(
            'private_address',
            `Refusing to connect to ${hostname}: it resolves to a private or local address (${bad.address}).`,
            hostname,
          );
          callback(err, '', 4);
          return;
        }
        if ((opts as { all?: boolean }).all) {
          (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(
            null,
            addresses,
          );
        } else {
          callback(null, addresses[0]!.address, addresses[0]!.family);
        }
      })
      .catch((error: Error) => callback(error as NodeJS.ErrnoException, '', 4));
  };

  function requestOnce(
    url: URL,
    accept: string,
    deadline: number,
  ): Promise<{ status: number; location?: string; contentType: string | null; body: Buffer }> {
    return new Promise((resolvePromise, reject) => {
      const remaining = Math.max(1, deadline - Date.now());
      const req = https.request(
        url,
        {
          method: 'GET',
          headers: { accept, 'user-agent': 'skillgraph-verifier/1' },
          lookup: guardedLookup,
          timeout: remaining,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if (status >= 300 && status < 400 && res.headers.location) {
            res.resume();
            resolvePromise({
              status,
              location: res.headers.location,
              contentType: null,
              body: Buffer.alloc(0),
            });
            return;
          }
          const declared = Number(res.headers['content-length'] ?? 0);
          if (declared > options.maxBytes) {
            res.destroy();
            reject(
              new GuardedFetchError(
                'too_large',
                `Response from ${url.href} is larger than ${options.maxBytes} bytes.`,
                url.href,
              ),
            );
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > options.maxBytes) {
              res.destroy();
              reject(
                new GuardedFetchError(
                  'too_large',
                  `Response from ${url.href} is larger than ${options.maxBytes} bytes.`,
                  url.href,
                ),
              );
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () =>
            resolvePromise({
              status,
              contentType: (res.headers['content-type'] as string | undefined) ?? null,
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => {
        req.destroy(
          new GuardedFetchError(
            'timeout',
            `Timed out fetching ${url.href} after ${options.timeoutMs} ms.`,
            url.href,
          ),
        );
      });
      req.on('error', (error) => {
        reject(
          error instanceof GuardedFetchError
            ? error
            : new GuardedFetchError('network', `Could not fetch ${url.href}: ${error.message}`, url.href),
        );
      });
      req.end();
    });
  }

  async function doFetch(
    raw: string,
    accept = 'application/ld+json, application/json;q=0.9, */*;q=0.1',
  ): Promise<FetchedDocument> {
    if (!options.enabled) {
      throw new GuardedFetchError(
        'disabled',
        `Fetching ${raw} needs the network, and outbound fetching is off.`,
        raw,
      );
    }
    const cached = cache.get(raw);
    if (cached && cached.expires > Date.now()) return cached.doc;
    const deadline = Date.now() + options.timeoutMs;
    let url = checkUrl(raw);
    for (let hop = 0; hop <= maxRedirects; hop++) {
      const res = await requestOnce(url, accept, deadline);
      if (res.location) {
        url = checkUrl(new URL(res.location, url).href);
        continue;
      }
      if (res.status < 200 || res.status >= 300) {
        throw new GuardedFetchError('http_error', `Fetching ${raw} returned HTTP ${res.status}.`, raw);
      }
      const doc: FetchedDocument = { url: url.href, contentType: res.contentType, body: res.body };
      if (cache.size > 500) cache.delete(cache.keys().next().value as string);
      cache.set(raw, { expires: Date.now() + ttl, doc });
      return doc;
    }
    throw new GuardedFetchError('http_error', `Too many redirects fetching ${raw}.`, raw);
  }

  return {
    enabled: options.enabled,
    fetch: doFetch,
    async fetchJson(raw: string) {
      const doc = await doFetch(raw);
      try {
        return { url: doc.url, json: JSON.parse(doc.body.toString('utf8')) as unknown };
      } catch {
        throw new GuardedFetchError('bad_content', `The document at ${raw} is not JSON.`, raw);
      }
    },
  };
}

/** A fetcher that refuses everything: the default in tests and whenever fetching is not configured. */
export const offlineFetcher: GuardedFetcher = createGuardedFetcher({
  enabled: false,
  allowlist: [],
  timeoutMs: 1000,
  maxBytes: 1,
});
