import { createTransport } from 'nodemailer';
import type { Db } from '@/db/client';
import { devMailbox } from '@/db/schema';
import { getEnv } from '@/server/env';
import { logger } from '@/server/logger';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  url?: string;
}

/**
 * Sends through SMTP when SMTP_URL is configured; otherwise delivers to the dev mailbox table (shown at
 * /dev/mailbox outside production), so sign-in links work on a fresh machine with no mail server.
 */
export async function sendMail(db: Db, mail: OutgoingMail): Promise<void> {
  const env = getEnv();
  if (env.SMTP_URL) {
    await createTransport(env.SMTP_URL).sendMail({
      from: env.EMAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
    return;
  }
  if (env.NODE_ENV === 'production') {
    throw new Error('SMTP_URL is not configured: cannot send e-mail in production.');
  }
  await db.insert(devMailbox).values({ to: mail.to, subject: mail.subject, body: mail.text, url: mail.url });
  logger.info({ to: mail.to, subject: mail.subject }, 'mail delivered to the dev mailbox');
}
