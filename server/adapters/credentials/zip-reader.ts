import { Unzip, UnzipInflate } from 'fflate';

/** Limits applied while reading an archive; counted on the bytes actually inflated, not the declared sizes. */
export interface ArchiveLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Inflated/compressed ratio above which an entry (or the archive) is treated as a zip bomb. */
  maxRatio: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 500,
  maxEntryBytes: 5_000_000,
  maxTotalBytes: 50_000_000,
  maxRatio: 200,
};

export interface ArchiveEntry {
  name: string;
  bytes: Uint8Array | null;
  error: string | null;
}

export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** Ratios only matter above this size: tiny, highly compressible JSON is normal. */
const RATIO_FLOOR_BYTES = 1_000_000;

/**
 * Reads a zip archive with fflate's streaming inflater, enforcing entry count, per-entry and total
 * uncompressed size, and compression ratio on the bytes as they are produced (a lying header cannot
 * make it allocate more). Directories and macOS resource forks are skipped. Throws ArchiveError when
 * the archive as a whole must be refused; per-entry problems are returned on the entry.
 */
export function readZipArchive(
  data: Uint8Array,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let total = 0;
  let fatal: string | null = null;
  const unzip = new Unzip((file) => {
    if (fatal) return;
    if (file.name.endsWith('/') || file.name.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(file.name))
      return;
    if (entries.length >= limits.maxEntries) {
      fatal = `The archive has more than ${limits.maxEntries} files.`;
      return;
    }
    const entry: ArchiveEntry = { name: file.name, bytes: null, error: null };
    entries.push(entry);
    if (file.compression !== 0 && file.compression !== 8) {
      entry.error = `Unsupported compression method ${file.compression} (only stored and deflate are read).`;
      return;
    }
    if (file.originalSize !== undefined && file.originalSize > limits.maxEntryBytes) {
      entry.error = `This file is ${file.originalSize} bytes uncompressed, over the ${limits.maxEntryBytes}-byte limit.`;
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, chunk, final) => {
      if (entry.error || fatal) return;
      if (err) {
        entry.error = `The compressed data is corrupt (${err.message}).`;
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > limits.maxEntryBytes) {
        entry.error = `This file is larger than the ${limits.maxEntryBytes}-byte limit when uncompressed.`;
        file.terminate();
        return;
      }
      if (total > limits.maxTotalBytes) {
        fatal = `The archive holds more than ${limits.maxTotalBytes} bytes uncompressed.`;
        file.terminate();
        return;
      }
      const compressed = file.size ?? 0;
      if (size > RATIO_FLOOR_BYTES && compressed > 0 && size / compressed > limits.maxRatio) {
        fatal = `Suspicious compression ratio (over ${limits.maxRatio}:1): refusing a likely zip bomb.`;
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) {
        const out = new Uint8Array(size);
        let offset = 0;
        for (const c of chunks) {
          out.set(c, offset);
          offset += c.length;
        }
        entry.bytes = out;
      }
    };
    try {
      file.start();
    } catch (error) {
      entry.error = `Cannot read this file: ${(error as Error).message}`;
    }
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(data, true);
  } catch (error) {
    if (!fatal) throw new ArchiveError(`The archive is corrupt: ${(error as Error).message}`);
  }
  if (fatal) throw new ArchiveError(fatal);
  const compressedTotal = data.length;
  if (total > RATIO_FLOOR_BYTES && total / Math.max(1, compressedTotal) > limits.maxRatio) {
    throw new ArchiveError(
      `Suspicious compression ratio (over ${limits.maxRatio}:1): refusing a likely zip bomb.`,
    );
  }
  for (const entry of entries) {
    if (!entry.bytes && !entry.error) entry.error = 'The file is truncated inside the archive.';
  }
  return entries;
}
