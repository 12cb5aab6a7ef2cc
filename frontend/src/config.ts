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

export const SEARCH_DEBOUNCE_MS = 200;
/** How long to wait for a missing event before asking the server for it. */
export const GAP_WAIT_MS = 300;
