import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const vcLibraries = [
  'jsonld',
  'jsonld-signatures',
  '@digitalbazaar/*',
  '@digitalcredentials/*',
  'jose',
  'rdf-canonize',
];
const dbDrivers = ['postgres', '@electric-sql/*', 'drizzle-orm', 'drizzle-orm/*', '@/db/*'];
const externalClients = ['meilisearch', 'nodemailer', 'ioredis', 'busboy', 'fflate'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: [...new Set(patterns)], message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      '.next',
      '.data',
      'db/migrations',
      'bench/results',
      'tests/.tmp',
      'next-env.d.ts',
      'coverage',
      '.*.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
        crypto: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        Blob: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
        Headers: 'readonly',
        structuredClone: 'readonly',
        queueMicrotask: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        FormData: 'readonly',
        File: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    // The pure core: no I/O, no frameworks, no environment. Time, keys, documents and lookups are passed in.
    files: ['server/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@/server/*',
                '!@/server/domain',
                '!@/server/domain/**',
                'next',
                'next/*',
                'react',
                '@trpc/*',
                ...dbDrivers,
                ...vcLibraries,
                ...externalClients,
                'fs',
                'node:fs',
                'node:fs/*',
                'http',
                'https',
                'node:http',
                'node:https',
                'node:net',
                'node:dns',
                'node:child_process',
              ],
              message:
                'server/domain is the pure core: it imports nothing outside server/domain (see ARCHITECTURE.md).',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'The domain does no I/O: pass data in.' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read env in server/env.ts only.' },
      ],
    },
  },
  {
    // Use cases and routers talk to adapters through ports; only adapters load the external clients.
    files: ['server/services/**/*.ts', 'server/api/**/*.ts', 'server/ports/**/*.ts'],
    rules: restrict(
      [...vcLibraries, ...externalClients, 'postgres', '@electric-sql/*'],
      'Only server/adapters import the VC libraries, database drivers and external clients (see ARCHITECTURE.md).',
    ),
  },
  {
    files: ['server/api/routers/**/*.ts'],
    rules: restrict(
      [...vcLibraries, ...externalClients, ...dbDrivers, '@/server/adapters/*'],
      'Routers are thin: input schema, access, one service call (see ARCHITECTURE.md).',
    ),
  },
  {
    // Client and presentational code never reaches into the server or the database.
    files: ['components/**/*.{ts,tsx}'],
    rules: restrict(
      [
        '@/server/services/*',
        '@/server/adapters/*',
        '@/server/runtime',
        '@/server/env',
        ...dbDrivers,
        ...vcLibraries,
      ],
      'Components render; data comes through tRPC or props.',
    ),
  },
);
