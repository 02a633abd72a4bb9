import { DrizzleAdapter } from '@auth/drizzle-adapter';
import { and, eq, isNull } from 'drizzle-orm';
import type { NextAuthOptions } from 'next-auth';
import type { Adapter } from 'next-auth/adapters';
import CredentialsProvider from 'next-auth/providers/credentials';
import EmailProvider from 'next-auth/providers/email';
import type { Provider } from 'next-auth/providers/index';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { accounts, candidates, invitations, sessions, users, verificationTokens } from '@/db/schema';
import { sendMail } from '@/server/adapters/mail/mailer';
import { authSecret, demoUsersEnabled, getEnv } from '@/server/env';
import { logger } from '@/server/logger';
import { getRuntime } from '@/server/runtime';

const demoSignInInput = z.object({ email: z.email().max(254) });

/**
 * Gives a newly created user their place: a pending invitation makes them a member of that organization
 * with the invited role; everyone else starts as a candidate with an empty profile (hidden until they choose).
 */
export async function onboardUser(db: Db, user: { id: string; email?: string | null; name?: string | null }) {
  await db.transaction(async (tx) => {
    const email = user.email?.toLowerCase();
    const [invitation] = email
      ? await tx
          .select()
          .from(invitations)
          .where(
            and(eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
          )
          .limit(1)
      : [];
    if (invitation) {
      await tx
        .update(users)
        .set({ role: invitation.role, organizationId: invitation.organizationId })
        .where(eq(users.id, user.id));
      await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, invitation.id));
      return;
    }
    await tx
      .insert(candidates)
      .values({
        userId: user.id,
        displayName: user.name || email?.split('@')[0] || 'New candidate',
        visibility: 'hidden',
      })
      .onConflictDoNothing({ target: candidates.userId });
  });
}

/** Built per request (never at build time, when no database may be opened). */
export async function getAuthOptions(): Promise<NextAuthOptions> {
  const env = getEnv();
  const { handle } = await getRuntime();
  const db = handle.db;
  const adapter = DrizzleAdapter(
    db as never,
    {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    } as never,
  ) as unknown as Adapter;

  const providers: Provider[] = [
    EmailProvider({
      from: env.EMAIL_FROM,
      maxAge: 15 * 60,
      async sendVerificationRequest({ identifier, url }) {
        await sendMail(db, {
          to: identifier,
          subject: 'Your Skillgraph sign-in link',
          text: `Sign in to Skillgraph:\n\n${url}\n\nThe link expires in 15 minutes. If you did not ask for it, ignore this e-mail.`,
          url,
        });
      },
    }),
  ];
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push({
      id: 'oidc',
      name: env.OIDC_NAME,
      type: 'oauth',
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      profile(profile: { sub: string; name?: string; email?: string }) {
        return { id: profile.sub, name: profile.name ?? null, email: profile.email ?? null };
      },
    });
  }
  if (demoUsersEnabled(env)) {
    providers.push(
      CredentialsProvider({
        id: 'demo',
        name: 'Demo user',
        credentials: { email: { label: 'Demo user e-mail', type: 'email' } },
        async authorize(credentials) {
          const parsed = demoSignInInput.safeParse(credentials);
          if (!parsed.success) return null;
          const [user] = await db
            .select({ id: users.id, name: users.name, email: users.email, isDemo: users.isDemo })
            .from(users)
            .where(eq(users.email, parsed.data.email.toLowerCase()))
            .limit(1);
          if (!user || user.isDemo !== 1) return null;
          return { id: user.id, name: user.name, email: user.email };
        },
      }),
    );
  }

  return {
    adapter,
    secret: authSecret(env),
    // The Credentials provider works only with JWT sessions; role and organization are read from the
    // database on every request (server/auth/session.ts), never from this token.
    session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
    useSecureCookies: env.NEXTAUTH_URL?.startsWith('https://') ?? env.NODE_ENV === 'production',
    providers,
    pages: { signIn: '/', verifyRequest: '/check-email', error: '/' },
    events: {
      async createUser({ user }) {
        await onboardUser(db, user);
      },
    },
    logger: {
      error: (code, metadata) => logger.error({ code, metadata }, 'auth error'),
      warn: (code) => logger.warn({ code }, 'auth warning'),
      debug: () => undefined,
    },
  };
}
