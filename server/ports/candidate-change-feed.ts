/**
 * Tells every app instance which candidates' ranking data changed. The outbox hands each change to one
 * claimer; every other instance holds its own in-memory ranking index (and cached lists) and must hear of it.
 */
export interface CandidateChangeFeed {
  /** After the change is committed: these candidates' strengths (or visibility, or existence) changed. */
  publish(candidateIds: readonly string[]): Promise<void>;
  /**
   * `onChange` receives every publication of another instance, in order. `onGap` runs when publications may
   * have been missed (the listening connection was re-established): reload everything. Resolves to stop().
   */
  subscribe(handlers: {
    onChange(candidateIds: string[]): Promise<void> | void;
    onGap(): Promise<void> | void;
  }): Promise<() => Promise<void>>;
}
