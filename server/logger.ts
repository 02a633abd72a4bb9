import pino from 'pino';

/**
 * The one logger. Redacts anything that can carry a secret or a raw credential, so a careless
 * `log.info({ body })` cannot leak them.
 */
const redactOptions = {
  paths: [
    'password',
    'token',
    'accessToken',
    'refreshToken',
    'authorization',
    'cookie',
    'rawCredential',
    'raw',
    'bytes',
    '*.password',
    '*.token',
    '*.authorization',
    '*.cookie',
    '*.raw',
    '*.rawCredential',
    'req.headers.authorization',
    'req.headers.cookie',
  ],
  censor: '[redacted]',
};

/** Keys whose values are secrets or raw credentials at any depth (pino's paths only reach fixed depths). */
const secretKey =
  /^(password|passphrase|secret|client_?secret|(access|refresh|id|session|csrf|verification)?_?token|authorization|cookie|set-cookie|api_?key|raw|raw_?credential|credential|credentials|bytes|proof|private_?key|jwk|jws|jwt|vc|vp)$/i;

/** Secrets inside strings: sign-in link tokens in URLs, bearer tokens, JWTs / compact JWS. */
const secretInText: [RegExp, string][] = [
  [
    /([?&#](?:token|code|access_token|id_token|refresh_token|state|key|signature|sig)=)[^&#\s"']+/gi,
    '$1[redacted]',
  ],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 [redacted]'],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  [/(:\/\/[^:/@\s]+:)[^@/\s]+@/g, '$1[redacted]@'],
];

export function scrubText(text: string): string {
  return secretInText.reduce((value, [pattern, replacement]) => value.replace(pattern, replacement), text);
}

/**
 * Copies a log object with secret-named keys censored and secrets inside strings masked, at any depth
 * (bounded), errors included, so neither `log.info({ body })` nor an error message quoting a sign-in link
 * writes a token or a raw credential to the log.
 */
export function scrubSecrets(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth > 8) return '[…]';
  seen.add(value);
  if (value instanceof Error) {
    const plain: Record<string, unknown> = { type: value.name, message: scrubText(value.message) };
    if (value.stack) plain.stack = scrubText(value.stack);
    for (const [key, inner] of Object.entries(value)) {
      plain[key] = secretKey.test(key) ? '[redacted]' : scrubSecrets(inner, depth + 1, seen);
    }
    if (value.cause !== undefined) plain.cause = scrubSecrets(value.cause, depth + 1, seen);
    return plain;
  }
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => scrubSecrets(item, depth + 1, seen));
  if (value instanceof Date || ArrayBuffer.isView(value))
    return ArrayBuffer.isView(value) ? '[binary]' : value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = secretKey.test(key) ? '[redacted]' : scrubSecrets(inner, depth + 1, seen);
  }
  return out;
}

/** The logger's construction, exported so tests can point it at a buffer and prove the redaction. */
export function createLogger(destination?: pino.DestinationStream, level?: string): pino.Logger {
  return pino(
    {
      level: level ?? process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
      base: { service: 'skillgraph' },
      redact: redactOptions,
      formatters: { log: (object) => scrubSecrets(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination,
  );
}

export const logger = createLogger();

export type Logger = pino.Logger;

export function requestLogger(requestId: string): Logger {
  return logger.child({ requestId });
}
