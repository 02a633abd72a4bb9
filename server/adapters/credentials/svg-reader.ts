import { XMLParser } from 'fast-xml-parser';

export class SvgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SvgError';
  }
}

export interface SvgBaking {
  element: 'assertion' | 'credential';
  /** Element text (JSON or compact JWS/JWT), if any. */
  text: string | null;
  /** The `verify` attribute (a URL or a compact JWS), if any. */
  verify: string | null;
}

const MAX_SVG_BYTES = 5_000_000;

/**
 * Rejects XML that could make a parser fetch or expand anything: any ENTITY declaration, any DOCTYPE with
 * an internal subset, and any DOCTYPE other than the standard SVG one. Standard SVG 1.0/1.1 DOCTYPEs are
 * allowed (real badges carry them) because no DTD is ever loaded.
 */
export function assertSafeXml(text: string): void {
  if (/<!ENTITY/i.test(text))
    throw new SvgError('The SVG declares XML entities, which are refused for safety.');
  const doctypes = text.match(/<!DOCTYPE[^>]*>?/gi) ?? [];
  if (doctypes.length > 1) throw new SvgError('The SVG has more than one DOCTYPE.');
  for (const doctype of doctypes) {
    if (doctype.includes('[') || !doctype.endsWith('>')) {
      throw new SvgError('The SVG has a DOCTYPE with an internal subset, which is refused for safety.');
    }
    const standard =
      /^<!DOCTYPE\s+svg\s+PUBLIC\s+"-\/\/W3C\/\/DTD SVG 1\.[01](\s+Basic|\s+Tiny)?\/\/EN"\s+"http:\/\/www\.w3\.org\/(Graphics\/SVG\/1\.1\/DTD\/svg11(-basic|-tiny)?\.dtd|TR\/2001\/REC-SVG-20010904\/DTD\/svg10\.dtd)"\s*>$/i;
    if (!standard.test(doctype.replace(/\s+/g, ' ').replace('<!DOCTYPE ', '<!DOCTYPE '))) {
      throw new SvgError('The SVG has a non-standard DOCTYPE (external DTDs are refused for safety).');
    }
  }
}

export function looksLikeXml(text: string): boolean {
  return /^\s*</.test(text);
}

type XmlNode = Record<string, unknown>;

function walk(node: unknown, prefixes: Set<string>, out: SvgBaking[], depth: number): void {
  if (depth > 64 || typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) walk(item, prefixes, out, depth + 1);
    return;
  }
  for (const [key, value] of Object.entries(node as XmlNode)) {
    if (key.startsWith('@_') || key === '#text') continue;
    const [prefix, local] = key.includes(':') ? key.split(':', 2) : ['', key];
    if (prefix && prefixes.has(prefix) && (local === 'assertion' || local === 'credential')) {
      for (const el of Array.isArray(value) ? value : [value]) {
        const obj = (typeof el === 'object' && el !== null ? el : { '#text': el }) as XmlNode;
        const text = [obj['#text'], obj['__cdata']]
          .flat()
          .filter((t) => typeof t === 'string')
          .join('')
          .trim();
        const verify = typeof obj['@_verify'] === 'string' ? (obj['@_verify'] as string).trim() : null;
        out.push({ element: local, text: text || null, verify: verify || null });
      }
    } else {
      walk(value, prefixes, out, depth + 1);
    }
  }
}

/**
 * Extracts `<openbadges:assertion>` (OB 1/2) and `<openbadges:credential>` (OB 3) from a baked SVG.
 * The prefix is whatever the document binds to an Open Badges namespace (openbadges.org or purl.imsglobal.org/ob).
 */
export function extractSvgBaking(bytes: Uint8Array): SvgBaking[] {
  if (bytes.length > MAX_SVG_BYTES) throw new SvgError(`The SVG is larger than ${MAX_SVG_BYTES} bytes.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SvgError('The SVG is not valid UTF-8.');
  }
  assertSafeXml(text);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    cdataPropName: '__cdata',
    processEntities: false,
    htmlEntities: false,
    allowBooleanAttributes: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  let doc: XmlNode;
  try {
    doc = parser.parse(text, true) as XmlNode;
  } catch (error) {
    throw new SvgError(`The SVG is not well-formed XML (${(error as Error).message.split('\n')[0]}).`);
  }
  const prefixes = new Set<string>();
  for (const match of text.matchAll(/xmlns:([A-Za-z_][\w.-]*)\s*=\s*["']([^"']*)["']/g)) {
    if (/openbadges\.org|imsglobal\.org\/ob|openbadges/i.test(match[2]!)) prefixes.add(match[1]!);
  }
  prefixes.add('openbadges');
  const out: SvgBaking[] = [];
  walk(doc, prefixes, out, 0);
  return out;
}
