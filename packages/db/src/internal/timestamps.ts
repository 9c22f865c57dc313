/** Options every write accepts: `now` is injectable so tests and replays control time. */
export type WriteOptions = { now?: Date };

/** ISO 8601 text, the one timestamp format stored in every dialect. */
export function formatTimestamp(options: WriteOptions = {}): string {
  return (options.now ?? new Date()).toISOString();
}
