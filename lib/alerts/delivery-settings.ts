/**
 * How deliveries are retried (lib/alerts/). A receiver that is down gets the same alert again
 * after 10 s, 30 s, 2 min, 10 min and 1 h — six attempts over about 73 minutes — then the
 * delivery is "failed" and the next one of that recipient and credential goes on.
 */
export const DELIVERY_BACKOFF_MS: readonly number[] = [10_000, 30_000, 120_000, 600_000, 3_600_000];

/**
 * How long a claimed delivery is held by the process that claimed it (the claim moves
 * nextAttemptAt this far on). Longer than one attempt can take — the webhook timeout, or the
 * mail server's — so no second process sends it meanwhile; a process that died mid-attempt
 * leaves it to be retried once this passes (at least once, never lost).
 */
export const DELIVERY_LEASE_MS = 120_000;

export interface DeliverySettings {
  /** The wait before each retry; attempts = retries + 1. */
  backoffMs: readonly number[];
  leaseMs: number;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  backoffMs: DELIVERY_BACKOFF_MS,
  leaseMs: DELIVERY_LEASE_MS,
};

export const maxAttempts = (settings: DeliverySettings) => settings.backoffMs.length + 1;

/** One recipient's deliveries about one credential: they go out in order, one at a time. */
export interface DeliveryStream {
  recipient: string;
  credentialId: string;
}

export const streamKey = (stream: DeliveryStream) => `${stream.recipient} ${stream.credentialId}`;
