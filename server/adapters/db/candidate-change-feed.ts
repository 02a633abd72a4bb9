import { randomUUID } from 'node:crypto';
import type { PgNotifications } from '@/db/client';
import { logger as rootLogger, type Logger } from '@/server/logger';
import type { CandidateChangeFeed } from '@/server/ports/candidate-change-feed';

export const CANDIDATE_CHANGES_CHANNEL = 'skillgraph_candidates_changed';
/** Ids per notification: a NOTIFY payload must stay under 8,000 bytes (a quoted uuid and comma are 39). */
const IDS_PER_MESSAGE = 150;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ChangeMessage {
  from: string;
  ids: string[];
}

function parseMessage(payload: string): ChangeMessage | null {
  try {
    const message = JSON.parse(payload) as Partial<ChangeMessage>;
    if (typeof message.from !== 'string' || !Array.isArray(message.ids)) return null;
    return {
      from: message.from,
      ids: message.ids.filter((id) => typeof id === 'string' && UUID_RE.test(id)),
    };
  } catch {
    return null;
  }
}

/**
 * The candidate change feed over PostgreSQL LISTEN/NOTIFY: delivered to every listening instance when the
 * publishing statement commits, in commit order; an instance ignores its own publications (it applied them
 * already). Handlers run one at a time in arrival order.
 */
export function createPgCandidateChangeFeed(
  notifications: PgNotifications,
  options: { instanceId?: string; log?: Logger } = {},
): CandidateChangeFeed {
  const instanceId = options.instanceId ?? randomUUID();
  const log = options.log ?? rootLogger.child({ component: 'candidate-change-feed' });
  return {
    async publish(candidateIds) {
      const ids = [...new Set(candidateIds)];
      for (let start = 0; start < ids.length; start += IDS_PER_MESSAGE) {
        const message: ChangeMessage = { from: instanceId, ids: ids.slice(start, start + IDS_PER_MESSAGE) };
        await notifications.notify(CANDIDATE_CHANGES_CHANNEL, JSON.stringify(message));
      }
    },
    async subscribe(handlers) {
      let queue: Promise<void> = Promise.resolve();
      const run = (what: string, task: () => Promise<void> | void) => {
        queue = queue
          .then(task)
          .catch((error) => log.error({ err: error }, `candidate change feed: ${what} failed`));
      };
      let listening = false;
      return notifications.listen(
        CANDIDATE_CHANGES_CHANNEL,
        (payload) => {
          const message = parseMessage(payload);
          if (!message) {
            log.warn(
              { payload: payload.slice(0, 200) },
              'candidate change feed: unreadable notification ignored',
            );
            return;
          }
          if (message.from === instanceId || message.ids.length === 0) return;
          run('applying a change', () => handlers.onChange(message.ids));
        },
        () => {
          if (listening) {
            log.warn('candidate change feed reconnected: reloading, changes may have been missed');
            run('reloading after a reconnect', () => handlers.onGap());
          }
          listening = true;
        },
      );
    },
  };
}
