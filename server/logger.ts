import pino from 'pino';

/**
 * The one logger. Redacts anything that can carry a secret or a raw credential, so a careless
 * `log.info({ body })` cannot leak them.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'skillgraph' },
  redact: {
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
  },
});

export type Logger = pino.Logger;

export function requestLogger(requestId: string): Logger {
  return logger.child({ requestId });
}
