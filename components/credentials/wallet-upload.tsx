'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type DragEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { ProgressBar } from '@/components/ui/progress';
import { checkLabel, VerificationBadge } from './verification-badge';

/** One NDJSON line from POST /api/uploads, read leniently: unknown fields are ignored. */
export interface UploadLine {
  type?: string;
  file?: string;
  index?: number;
  status?: string;
  format?: string | null;
  achievementName?: string | null;
  issuerName?: string | null;
  credentialId?: string | null;
  duplicate?: boolean;
  stored?: boolean;
  checks?: { name: string; status: string; reason: string }[];
  message?: string;
  /** Why a whole file was refused (`type: 'file_error'`). */
  reason?: string;
  error?: string | { message?: string };
  [key: string]: unknown;
}

interface UploadState {
  phase: 'idle' | 'uploading' | 'processing' | 'done' | 'failed';
  sentBytes: number;
  totalBytes: number;
  fileCount: number;
  results: UploadLine[];
  error: string | null;
}

const accepted =
  '.json,.jsonld,.jwt,.jws,.txt,.png,.svg,.zip,application/json,application/zip,image/png,image/svg+xml,text/plain';

function lineError(line: UploadLine): string | null {
  if (typeof line.error === 'string') return line.error;
  if (line.error && typeof line.error === 'object' && typeof line.error.message === 'string')
    return line.error.message;
  return null;
}

function reasonOf(line: UploadLine): string | null {
  if (line.reason) return line.reason;
  const error = lineError(line);
  if (error) return error;
  const failing =
    line.checks?.find((check) => check.status === 'fail') ??
    line.checks?.find((check) => check.status === 'warn');
  return failing ? `${checkLabel(failing.name)}: ${failing.reason}` : (line.message ?? null);
}

/**
 * Drag-and-drop or pick many files (JSON, JWT text, baked PNG/SVG badges, zip archives). The upload is one
 * multipart request; the server answers with one NDJSON line per credential as soon as it is verified, so
 * results appear while the rest is still being checked.
 */
export function WalletUpload({ onFinished, onStored }: { onFinished?: () => void; onStored?: () => void }) {
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [state, setState] = useState<UploadState>({
    phase: 'idle',
    sentBytes: 0,
    totalBytes: 0,
    fileCount: 0,
    results: [],
    error: null,
  });
  const busy = state.phase === 'uploading' || state.phase === 'processing';

  function upload(files: File[]) {
    if (files.length === 0 || busy) return;
    const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
    setState({
      phase: 'uploading',
      sentBytes: 0,
      totalBytes,
      fileCount: files.length,
      results: [],
      error: null,
    });
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    const xhr = new XMLHttpRequest();
    // The wallet list and skills below follow the stream: refreshed at most every 1.5 s while results arrive.
    let refreshTimer: ReturnType<typeof setTimeout> | null = null;
    const refreshSoon = () => {
      refreshTimer ??= setTimeout(() => {
        refreshTimer = null;
        void queryClient.invalidateQueries();
        onStored?.();
      }, 1_500);
    };
    let consumed = 0;
    let buffer = '';
    const drain = (final: boolean) => {
      const text = xhr.responseText ?? '';
      buffer += text.slice(consumed);
      consumed = text.length;
      const parts = buffer.split('\n');
      buffer = final ? '' : (parts.pop() ?? '');
      const lines: UploadLine[] = [];
      for (const part of final ? parts.concat(buffer) : parts) {
        const trimmed = part.trim();
        if (!trimmed) continue;
        try {
          lines.push(JSON.parse(trimmed) as UploadLine);
        } catch {
          /* a partial line: wait for the rest */
        }
      }
      if (lines.some((line) => line.stored === true)) refreshSoon();
      if (lines.length > 0) {
        setState((previous) => {
          let error = previous.error;
          const results = [...previous.results];
          for (const line of lines) {
            if (line.type === 'error' || (line.type === undefined && !line.file && lineError(line))) {
              error = lineError(line) ?? line.message ?? 'The upload failed.';
            } else if (
              line.file !== undefined &&
              line.type !== 'progress' &&
              line.type !== 'summary' &&
              line.type !== 'done'
            ) {
              results.push(line);
            }
          }
          return { ...previous, results, error };
        });
      }
    };
    xhr.upload.onprogress = (event) => {
      setState((previous) => ({
        ...previous,
        sentBytes: event.loaded,
        totalBytes: event.lengthComputable ? event.total : previous.totalBytes,
      }));
    };
    xhr.upload.onload = () =>
      setState((previous) => ({ ...previous, phase: 'processing', sentBytes: previous.totalBytes }));
    xhr.onprogress = () => drain(false);
    xhr.onload = () => {
      drain(true);
      if (xhr.status >= 400) {
        let message = `The upload failed (HTTP ${xhr.status}).`;
        try {
          const body = JSON.parse(xhr.responseText) as UploadLine;
          message = lineError(body) ?? body.message ?? message;
        } catch {
          /* not JSON */
        }
        setState((previous) => ({ ...previous, phase: 'failed', error: message }));
      } else {
        setState((previous) => ({ ...previous, phase: previous.error ? 'failed' : 'done' }));
      }
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = null;
      void queryClient.cancelQueries().then(() => queryClient.invalidateQueries());
      onFinished?.();
    };
    xhr.onerror = () =>
      setState((previous) => ({
        ...previous,
        phase: 'failed',
        error: 'The connection was lost during the upload. Try again.',
      }));
    xhr.open('POST', '/api/uploads');
    xhr.setRequestHeader('Accept', 'application/x-ndjson');
    xhr.send(form);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    upload(Array.from(event.dataTransfer.files));
  }

  const counts = state.results.reduce<Record<string, number>>((acc, line) => {
    const key = line.status ?? 'error';
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});

  return (
    <div className="space-y-4">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="wallet-dropzone"
        className={cn(
          'flex flex-col items-center justify-center gap-3 rounded-lg border-2 border-dashed px-6 py-8 text-center transition-colors',
          dragging ? 'border-brand-500 bg-brand-50' : 'border-slate-300 bg-white',
        )}
      >
        <p className="font-medium text-slate-800">Drop your badges and credentials here</p>
        <p className="max-w-md text-sm text-slate-600">
          Open Badges 2 and 3, W3C verifiable credentials, CLR transcripts: JSON or JWT files, baked PNG/SVG
          badges, or a zip of your wallet export.
        </p>
        <input
          ref={inputRef}
          id="wallet-files"
          type="file"
          multiple
          accept={accepted}
          className="sr-only"
          onChange={(event) => {
            upload(Array.from(event.target.files ?? []));
            event.target.value = '';
          }}
        />
        <Button variant="secondary" disabled={busy} onClick={() => inputRef.current?.click()}>
          Choose files…
        </Button>
        <label htmlFor="wallet-files" className="sr-only">
          Credential files
        </label>
      </div>

      {state.phase !== 'idle' ? (
        <div className="space-y-3" data-testid="upload-progress">
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <span aria-live="polite" data-testid="upload-phase" data-phase={state.phase}>
              {state.phase === 'uploading'
                ? `Uploading ${state.fileCount} file${state.fileCount === 1 ? '' : 's'}…`
                : state.phase === 'processing'
                  ? `Verifying… ${state.results.length} result${state.results.length === 1 ? '' : 's'} so far`
                  : state.phase === 'done'
                    ? `Done: ${state.results.length} result${state.results.length === 1 ? '' : 's'} from ${state.fileCount} file${state.fileCount === 1 ? '' : 's'}`
                    : 'The upload stopped.'}
            </span>
            <span className="flex flex-wrap gap-2 text-xs text-slate-600">
              {Object.entries(counts).map(([status, count]) => (
                <span key={status}>
                  {count} {status.replace(/_/g, ' ')}
                </span>
              ))}
            </span>
          </div>
          <ProgressBar
            label="Upload progress"
            value={state.phase === 'processing' ? null : state.phase === 'uploading' ? state.sentBytes : 1}
            max={state.phase === 'uploading' ? Math.max(1, state.totalBytes) : 1}
            barClassName={
              state.phase === 'failed' ? 'bg-red-500' : state.phase === 'done' ? 'bg-emerald-500' : undefined
            }
          />
          {state.error ? (
            <Alert tone="error" title="Upload problem">
              {state.error}
            </Alert>
          ) : null}
          {state.results.length > 0 ? (
            <ul
              className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
              aria-label="Upload results"
              data-testid="upload-results"
            >
              {state.results.map((line, index) => (
                <li
                  key={`${line.file}-${line.index ?? 0}-${index}`}
                  className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:gap-4"
                  data-testid="upload-result"
                  data-status={line.status ?? 'error'}
                >
                  <div className="w-32 shrink-0">
                    {line.status ? (
                      <VerificationBadge status={line.status} />
                    ) : (
                      <Badge tone="danger">
                        <span aria-hidden="true">✕</span>Not read
                      </Badge>
                    )}
                  </div>
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium text-slate-900">
                      {line.achievementName ??
                        (line.source && line.source !== line.file ? String(line.source) : line.file)}
                      {line.duplicate ? (
                        <span className="ml-2 text-xs font-normal text-slate-500">
                          (already in your wallet)
                        </span>
                      ) : null}
                    </p>
                    {line.achievementName || (line.source && line.source !== line.file) ? (
                      <p className="truncate text-xs text-slate-500">from {line.file}</p>
                    ) : null}
                    {line.status !== 'verified' && reasonOf(line) ? (
                      <p className="mt-0.5 text-xs text-slate-700">{reasonOf(line)}</p>
                    ) : line.status === 'verified' && lineError(line) ? (
                      <p className="mt-0.5 text-xs text-red-700">{lineError(line)}</p>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
