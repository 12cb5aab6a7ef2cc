export const API_BASE = '/api/v1';
export const EVENTBUS_PATH = '/eventbus';

/** Instruments offered as chips when joining and as performer slots. */
export const INSTRUMENTS = [
  'vocals',
  'guitar',
  'bass',
  'drums',
  'keys',
  'percussion',
  'sax',
  'trumpet',
  'violin',
  'harmonica',
] as const;

/**
 * How often the live socket pings. The server closes a socket that sends nothing for
 * LIVE_PING_TIMEOUT_SECONDS (default 30: three intervals), which leaves room for timer jitter, a busy
 * phone and one lost ping. The bench reads this value (bench/lib.sh) and the backend's LivePingTest
 * checks the server's default against it; docs/deployment.md ("Live sockets") explains both.
 */
export const LIVE_PING_INTERVAL_MS = 10_000;

export const SEARCH_DEBOUNCE_MS = 200;
/** How long to wait for a missing event before asking the server for it. */
export const GAP_WAIT_MS = 300;

/** A vote, sign-up or suggestion unanswered this long is treated as lost and retried. */
export const WRITE_TIMEOUT_MS = 10_000;
/** Retries of a write that failed for a passing reason: 1 s, 2 s, 4 s … at most 15 s, with jitter. */
export const RETRY_MIN_MS = 1000;
export const RETRY_MAX_MS = 15_000;
/** A write still unanswered after this long is shown as pending. */
export const SLOW_WRITE_MS = 1000;
