import type { Tx } from '@/db/client';
import { outbox } from '@/db/schema';

/**
 * Records that a candidate's search document and ranking profile must be rebuilt. Call it inside the
 * transaction that makes the change, so the change and its outbox row commit or roll back together.
 */
export async function enqueueCandidateChange(tx: Tx, candidateId: string, reason: string): Promise<void> {
  await tx.insert(outbox).values({ candidateId, reason });
}
