import { inflateSync } from 'fflate';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MAX_CHUNKS = 10_000;
const MAX_TEXT_BYTES = 2_000_000;

export class PngError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PngError';
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

export interface BakedPayload {
  keyword: 'openbadges' | 'openbadgecredential';
  text: string;
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Extracts Open Badges baking from a PNG: `iTXt` (or legacy `tEXt`) chunks with keyword `openbadges`
 * (OB 1/2) or `openbadgecredential` (OB 3). A bounded chunk parser: every length is checked against the
 * remaining bytes, CRCs are verified, chunk count and text size are capped, and compressed iTXt is
 * inflated only up to the cap. Other chunks are skipped without being decoded.
 */
export function extractPngBaking(bytes: Uint8Array): BakedPayload[] {
  if (!isPng(bytes)) throw new PngError('Not a PNG file.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: BakedPayload[] = [];
  let offset = 8;
  let chunks = 0;
  let sawEnd = false;
  while (offset < bytes.length) {
    if (++chunks > MAX_CHUNKS) throw new PngError(`The PNG has more than ${MAX_CHUNKS} chunks.`);
    if (offset + 12 > bytes.length) throw new PngError('The PNG is truncated (incomplete chunk header).');
    const length = view.getUint32(offset);
    const type = latin1.decode(bytes.subarray(offset + 4, offset + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PngError('The PNG has a corrupt chunk (invalid chunk type).');
    if (length > 0x7fffffff || offset + 12 + length > bytes.length) {
      throw new PngError(
        `The PNG is truncated or corrupt: chunk ${type} declares ${length} bytes, more than the file holds.`,
      );
    }
    const dataStart = offset + 8;
    const dataEnd = dataStart + length;
    const crc = view.getUint32(dataEnd);
    if (crc32(bytes, offset + 4, dataEnd) !== crc)
      throw new PngError(`The PNG chunk ${type} fails its CRC check (corrupt file).`);
    if (type === 'iTXt' || type === 'tEXt') {
      const payload = readTextChunk(type, bytes.subarray(dataStart, dataEnd));
      if (payload) found.push(payload);
    }
    offset = dataEnd + 4;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (!sawEnd) throw new PngError('The PNG is truncated (no IEND chunk).');
  return found;
}

function readTextChunk(type: string, data: Uint8Array): BakedPayload | null {
  const nul = data.indexOf(0);
  if (nul < 1 || nul > 79) return null;
  const keyword = latin1.decode(data.subarray(0, nul));
  if (keyword !== 'openbadges' && keyword !== 'openbadgecredential') return null;
  if (type === 'tEXt') return { keyword, text: latin1.decode(data.subarray(nul + 1)) };
  const compressed = data[nul + 1];
  let p = nul + 3;
  const langEnd = data.indexOf(0, p);
  if (langEnd < 0) throw new PngError('The baked iTXt chunk is malformed (no language tag terminator).');
  p = langEnd + 1;
  const transEnd = data.indexOf(0, p);
  if (transEnd < 0)
    throw new PngError('The baked iTXt chunk is malformed (no translated keyword terminator).');
  let text = data.subarray(transEnd + 1);
  if (compressed === 1) {
    try {
      // one byte over the cap: fflate fills a fixed buffer silently, so a full buffer means "too large"
      text = inflateSync(text, { out: new Uint8Array(MAX_TEXT_BYTES + 1) });
    } catch {
      throw new PngError('The baked iTXt chunk is compressed but corrupt.');
    }
  }
  if (text.length > MAX_TEXT_BYTES) throw new PngError('The baked credential text is too large.');
  try {
    return { keyword, text: utf8.decode(text) };
  } catch {
    throw new PngError('The baked credential text is not valid UTF-8.');
  }
}
