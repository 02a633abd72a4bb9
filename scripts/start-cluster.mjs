/**
 * `npm run start:cluster [-- --instances N] [--port 3000] [--hostname 0.0.0.0]`
 *
 * The built app (`npm run build` first) as N Node.js processes sharing one port, one per core by default
 * (WEB_CONCURRENCY or --instances): Node runs JavaScript on one thread, so `next start` uses one core however many
 * the machine has. The instances are the stateless app instances of docs/SCALING.md §1 on one machine: each holds
 * its own ranking index and list cache, kept current through the candidate change feed (PostgreSQL
 * LISTEN/NOTIFY), and the outbox rows are claimed by whichever instance gets them first. The primary process only
 * hands connections out (round-robin), restarts an instance that dies and passes SIGTERM/SIGINT on.
 *
 * PostgreSQL only: the embedded PGlite database belongs to one process, so without DATABASE_URL one instance runs.
 */
import cluster from 'node:cluster';
import http from 'node:http';
import os from 'node:os';
import process from 'node:process';

function argValue(name) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const port = Number(argValue('port') ?? process.env.PORT ?? 3000);
const hostname = argValue('hostname') ?? process.env.HOSTNAME ?? '0.0.0.0';
const asked = Number(argValue('instances') ?? process.env.WEB_CONCURRENCY ?? os.availableParallelism());
if (!Number.isInteger(asked) || asked < 1) throw new Error('--instances: a whole number ≥ 1');
const instances = process.env.DATABASE_URL ? asked : 1;

if (cluster.isPrimary) {
  if (instances < asked)
    console.warn(
      `start:cluster: no DATABASE_URL (embedded PGlite belongs to one process): 1 instance, not ${asked}`,
    );
  console.log(`start:cluster: ${instances} instance(s) on http://${hostname}:${port}`);
  let stopping = false;
  for (let i = 0; i < instances; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(
      `start:cluster: instance ${worker.process.pid} exited (${signal ?? code}); starting another`,
    );
    cluster.fork();
  });
  const stop = (signal) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
    const deadline = setTimeout(() => process.exit(1), 15_000);
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        clearTimeout(deadline);
        process.exit(0);
      }
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} else {
  const { default: next } = await import('next');
  const app = next({ dev: false, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => handle(req, res));
  server.listen(port, hostname);
  const close = () => server.close(() => process.exit(0));
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}
