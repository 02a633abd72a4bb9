import { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Actor } from '@/server/domain/auth/actor';
import type { IngestResult } from '@/server/services/credential-ingest.service';

export interface UploadLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxFiles: number;
}

export interface UploadDeps {
  actor: Actor | null;
  ingest(
    actor: Actor,
    input: { fileName: string; bytes: Uint8Array; uploadId: string; onResult?: (r: IngestResult) => void },
  ): Promise<IngestResult[]>;
  limits: UploadLimits;
  uploadId: string;
  onError?: (error: unknown) => void;
}

/** Form fields whose text value is a credential (pasted JWT / JSON), handled like a file. */
const TEXT_FIELDS = new Set(['credential', 'text', 'jwt', 'json']);

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function safeName(name: string | undefined, fallback: string): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()
    ?.replace(/[\u0000-\u001f]/g, '')
    .slice(0, 200);
  return base || fallback;
}

/**
 * Streaming multipart upload of credential files (files, archives, baked images, pasted JWT/JSON text).
 * Limits are enforced while reading (per-file size, file count, total bytes); each file is verified and
 * stored as soon as it has been read, and its results are streamed back as NDJSON lines:
 * `{"type":"result", file, index, source, format, status, keyBinding, revocation, checks, credentialId, duplicate, stored}`,
 * `{"type":"file_error", file, reason}` for a file refused as a whole, and a final `{"type":"done", …}`.
 */
export async function handleCredentialUpload(request: Request, deps: UploadDeps): Promise<Response> {
  const { actor, limits } = deps;
  if (!actor) return json(401, { error: 'Sign in to upload credentials.' });
  if (actor.role !== 'candidate' || !actor.candidateId)
    return json(403, { error: 'Only candidates upload credentials.' });
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data'))
    return json(415, { error: 'Send the files as multipart/form-data.' });
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limits.maxTotalBytes + 1_000_000)
    return json(413, { error: `The upload is larger than ${limits.maxTotalBytes} bytes.` });
  if (!request.body) return json(400, { error: 'The upload is empty.' });

  const encoder = new TextEncoder();
  const stream = new TransformStream<Uint8Array, Uint8Array>();
  const writer = stream.writable.getWriter();
  const write = (line: object) =>
    writer.write(encoder.encode(`${JSON.stringify(line)}\n`)).catch(() => undefined);

  let bb: busboy.Busboy;
  try {
    bb = busboy({
      headers: { 'content-type': contentType },
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles,
        fields: limits.maxFiles,
        fieldSize: limits.maxFileBytes,
        parts: limits.maxFiles * 2,
      },
    });
  } catch {
    return json(400, { error: 'The multipart upload is malformed (no boundary).' });
  }

  let total = 0;
  let files = 0;
  const summary = { files: 0, credentials: 0, stored: 0, duplicates: 0, problems: 0 };
  let overTotal = false;
  let chain: Promise<void> = Promise.resolve();
  const source = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>);

  const process = (fileName: string, bytes: Uint8Array) => {
    chain = chain.then(async () => {
      try {
        await deps.ingest(actor, {
          fileName,
          bytes,
          uploadId: deps.uploadId,
          onResult: (r) => {
            summary.credentials += r.format ? 1 : 0;
            summary.stored += r.stored ? 1 : 0;
            summary.duplicates += r.duplicate ? 1 : 0;
            summary.problems += r.format && !r.error ? 0 : 1;
            void write({ type: 'result', ...r });
          },
        });
      } catch (error) {
        deps.onError?.(error);
        summary.problems++;
        await write({
          type: 'file_error',
          file: fileName,
          reason: 'This file could not be processed; nothing from it was saved.',
        });
      }
    });
  };

  const refuse = (file: string, reason: string) => {
    summary.problems++;
    chain = chain.then(() => write({ type: 'file_error', file, reason }));
  };

  bb.on('file', (_field, fileStream, info) => {
    const fileName = safeName(info.filename, `file-${files + 1}`);
    files++;
    summary.files++;
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    fileStream.on('data', (chunk: Buffer) => {
      if (overTotal || tooBig) return;
      total += chunk.length;
      size += chunk.length;
      if (total > limits.maxTotalBytes) {
        overTotal = true;
        return;
      }
      chunks.push(chunk);
    });
    fileStream.on('limit', () => {
      tooBig = true;
      chunks.length = 0;
    });
    fileStream.on('close', () => {
      if (tooBig)
        refuse(fileName, `The file is larger than the ${limits.maxFileBytes}-byte limit; it was not read.`);
      else if (overTotal)
        refuse(
          fileName,
          `The upload exceeds ${limits.maxTotalBytes} bytes in total; this file and the rest were not read.`,
        );
      else if (size === 0) refuse(fileName, 'The file is empty.');
      else process(fileName, new Uint8Array(Buffer.concat(chunks)));
    });
  });

  bb.on('field', (name, value, info) => {
    if (!TEXT_FIELDS.has(name)) return;
    files++;
    summary.files++;
    const fileName = `${name}-${files}.txt`;
    if (info.valueTruncated)
      return refuse(fileName, `The pasted text is longer than ${limits.maxFileBytes} bytes.`);
    total += Buffer.byteLength(value);
    if (total > limits.maxTotalBytes) {
      overTotal = true;
      return refuse(fileName, `The upload exceeds ${limits.maxTotalBytes} bytes in total.`);
    }
    if (value.trim()) process(fileName, new TextEncoder().encode(value));
  });

  bb.on('filesLimit', () =>
    refuse('(upload)', `Only ${limits.maxFiles} files are read per upload; the rest were ignored.`),
  );
  bb.on('partsLimit', () => refuse('(upload)', 'Too many parts in this upload; the rest were ignored.'));

  const finished = new Promise<void>((resolve) => {
    bb.on('close', () => resolve());
    bb.on('error', (error: Error) => {
      refuse('(upload)', `The upload could not be read (${error.message}).`);
      source.destroy();
      resolve();
    });
    source.on('error', () => {
      refuse('(upload)', 'The upload was interrupted.');
      resolve();
    });
  });
  source.pipe(bb);

  void (async () => {
    await finished;
    await chain;
    await write({ type: 'done', ...summary });
    await writer.close().catch(() => undefined);
  })();

  return new Response(stream.readable, {
    status: 200,
    headers: {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
