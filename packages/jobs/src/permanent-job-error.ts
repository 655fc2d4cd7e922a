/**
 * A job that can never succeed (unknown rule, missing row): retrying it changes nothing, so the
 * worker sends it to its dead-letter queue at once, with this message as the reason.
 */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}
