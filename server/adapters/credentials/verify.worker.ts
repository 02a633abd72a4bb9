import { parentPort, workerData } from 'node:worker_threads';
import {
  createVerificationRuntime,
  verifyFile,
  type VerificationRuntimeOptions,
  type VerifyFileOptions,
} from './verify-file';

/** Worker side of the bulk verification pool: one runtime (loader, caches) per thread. */
interface Job {
  id: number;
  fileName: string;
  bytes: Uint8Array;
  options: Omit<VerifyFileOptions, 'now'> & { now?: string };
}

const runtime = createVerificationRuntime(workerData as VerificationRuntimeOptions);

parentPort!.on('message', (job: Job) => {
  const { now, ...rest } = job.options;
  verifyFile(job.fileName, job.bytes, runtime, { ...rest, now: now ? new Date(now) : undefined })
    .then((results) => parentPort!.postMessage({ id: job.id, results }))
    .catch((error: Error) => parentPort!.postMessage({ id: job.id, error: error.message }));
});
