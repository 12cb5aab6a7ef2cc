import { API_BASE, WRITE_TIMEOUT_MS } from '../config';
import { isTextKey, t } from '../i18n';
import type {
  Attendee,
  CoHostAnswer,
  CoHostCreated,
  CoHostLink,
  Flags,
  Id,
  Jam,
  JamEvent,
  JamSummary,
  LineupChange,
  LoginAnswer,
  Performer,
  QueueItem,
  Recap,
  Sheet,
  Snapshot,
  Song,
  Venue,
} from './types';

/** A failed API call, in the server's error shape `{status, error, message, field?}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Seconds the server asked us to wait (`Retry-After`), when it said. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type UnauthorizedHandler = (token: string | null, error: ApiError) => void;
let unauthorizedHandler: UnauthorizedHandler = () => {};

/** The one place that reacts to 401: the session store registers itself here. */
export function onUnauthorized(handler: UnauthorizedHandler): void {
  unauthorizedHandler = handler;
}

/** Given a token the server refused, a fresh one (e.g. from the host's refresh cookie) or null. */
type TokenRenewer = (expired: string) => Promise<string | null>;
let tokenRenewer: TokenRenewer = async () => null;

export function onTokenExpired(renewer: TokenRenewer): void {
  tokenRenewer = renewer;
}

/** Header the server requires on cookie-authenticated calls: a cross-site form cannot send it. */
export const CSRF_HEADER = { 'X-Requested-With': 'JaManager' };

export interface RequestOptions {
  body?: unknown;
  token?: string | null;
  signal?: AbortSignal;
  accept?: 'json' | 'text' | 'blob';
  /** Set on the one retry after a renewed token, so a refused renewal cannot loop. */
  renewed?: boolean;
  /** Give up after this long; the call then fails like a lost connection (status 0). */
  timeoutMs?: number;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (options.token) headers.Authorization = `Bearer ${options.token}`;

  let response: Response;
  try {
    const signal = options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : options.signal;
    response = await fetch(API_BASE + path, { method, headers, body, signal });
  } catch (cause) {
    // A timeout is a TimeoutError, not an AbortError: it is reported as a lost connection below.
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', t('error.network'));
  }

  if (!response.ok) {
    const error = await readError(response);
    if (error.status === 401 && options.token && !options.renewed) {
      const fresh = await tokenRenewer(options.token).catch(() => null);
      if (fresh) return request<T>(method, path, { ...options, token: fresh, renewed: true });
    }
    if (error.status === 401) unauthorizedHandler(options.token ?? null, error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  if (options.accept === 'text') return (await response.text()) as T;
  if (options.accept === 'blob') return (await response.blob()) as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

function retryAfter(response: Response): number | undefined {
  const value = response.headers.get('Retry-After');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000);
}

async function readError(response: Response): Promise<ApiError> {
  const wait = retryAfter(response);
  let text = '';
  try {
    text = await response.text();
    const json = JSON.parse(text);
    if (json && typeof json === 'object') {
      return new ApiError(
        typeof json.status === 'number' ? json.status : response.status,
        typeof json.error === 'string' ? json.error : `http_${response.status}`,
        typeof json.message === 'string' && json.message ? json.message : fallbackMessage(response.status),
        typeof json.field === 'string' ? json.field : undefined,
        wait,
      );
    }
  } catch {
    // not JSON: a proxy or gateway answered
  }
  return new ApiError(response.status, `http_${response.status}`, fallbackMessage(response.status), undefined, wait);
}

/**
 * A failure that will pass on its own: no connection, or a gateway or database that is briefly
 * away (502/503/504, e.g. `503 database_unavailable` with `Retry-After`). Worth retrying an
 * idempotent request; never worth an error message.
 */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504);
}

function fallbackMessage(status: number): string {
  const key = `error.http.${status}`;
  if (isTextKey(key)) return t(key);
  return status >= 500 ? t('error.http.5xx') : t('error.http.other', { status });
}

/** Words to show a person for any error thrown by an API call. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429 && !error.message) return fallbackMessage(429);
    if (error.status >= 500) return fallbackMessage(error.status);
    // A code with a fixed sentence reads in the reader's language; others carry details (a name, a limit) as sent.
    const known = `error.code.${error.code}`;
    return isTextKey(known) ? t(known) : error.message;
  }
  return t('error.unknown');
}

const enc = encodeURIComponent;

/** A song from the library, or one typed in. */
export type SuggestBody = { songId: Id } | { title: string; artist: string; link?: string; chordText?: string };

export const api = {
  login: (accessCode: string) => request<LoginAnswer>('POST', '/auth/login', { body: { accessCode } }),

  jams: (token?: string | null, all = false) =>
    request<JamSummary[]>('GET', `/jams${all ? '?all=true' : ''}`, { token }),
  createJam: (token: string, body: Partial<Jam> & { name: string; startsAt: string }) =>
    request<Jam>('POST', '/jams', { token, body }),
  snapshot: (slugOrJoinCode: string, token?: string | null, signal?: AbortSignal) =>
    request<Snapshot>('GET', `/jams/${enc(slugOrJoinCode)}`, { token, signal }),
  updateJam: (token: string, jamId: Id, body: Partial<Jam>) =>
    request<Jam>('PATCH', `/jams/${enc(jamId)}`, { token, body }),
  deleteJam: (token: string, jamId: Id) => request<void>('DELETE', `/jams/${enc(jamId)}`, { token }),
  startJam: (token: string, jamId: Id) => request<Jam>('POST', `/jams/${enc(jamId)}/start`, { token }),
  endJam: (token: string, jamId: Id) => request<Jam>('POST', `/jams/${enc(jamId)}/end`, { token }),
  stageLink: (token: string, jamId: Id) =>
    request<{ url: string; token: string }>('POST', `/jams/${enc(jamId)}/stage-link`, { token }),
  events: (token: string | null, jamId: Id, after: number) =>
    request<{ events: JamEvent[]; seq: number }>('GET', `/jams/${enc(jamId)}/events?after=${after}`, { token }),
  qrUrl: (jamId: Id) => `${API_BASE}/jams/${enc(jamId)}/qr.svg`,
  qrPngUrl: (jamId: Id) => `${API_BASE}/jams/${enc(jamId)}/qr.png`,
  uploadPoster: (token: string, jamId: Id, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<{ posterUrl: string }>('PUT', `/jams/${enc(jamId)}/poster`, { token, body: form });
  },
  setlist: (token: string, jamId: Id, format: 'json' | 'csv') =>
    request<Blob>('GET', `/jams/${enc(jamId)}/setlist?format=${format}`, { token, accept: 'blob' }),
  recap: (slug: string) => request<Recap>('GET', `/jams/${enc(slug)}/recap`),

  cohosts: (token: string, jamId: Id) => request<CoHostLink[]>('GET', `/jams/${enc(jamId)}/cohosts`, { token }),
  createCohost: (token: string, jamId: Id, name: string, expiresInHours: number) =>
    request<CoHostCreated>('POST', `/jams/${enc(jamId)}/cohosts`, { token, body: { name, expiresInHours } }),
  revokeCohost: (token: string, jamId: Id, linkId: Id) =>
    request<void>('DELETE', `/jams/${enc(jamId)}/cohosts/${enc(linkId)}`, { token }),
  redeemCohost: (code: string) => request<CoHostAnswer>('POST', '/cohost/redeem', { body: { code } }),

  join: (slugOrJoinCode: string, name: string, instruments: string[]) =>
    request<{ attendee: Attendee; token: string }>('POST', `/jams/${enc(slugOrJoinCode)}/attendees`, {
      body: { name, instruments },
    }),
  attendees: (token: string, jamId: Id) => request<Attendee[]>('GET', `/jams/${enc(jamId)}/attendees`, { token }),
  removeAttendee: (token: string, jamId: Id, attendeeId: Id, ban: boolean) =>
    request<void>('DELETE', `/jams/${enc(jamId)}/attendees/${enc(attendeeId)}${ban ? '?ban=true' : ''}`, { token }),

  suggest: (token: string, jamId: Id, body: SuggestBody) =>
    request<QueueItem>('POST', `/jams/${enc(jamId)}/queue`, { token, body, timeoutMs: WRITE_TIMEOUT_MS }),
  updateItem: (
    token: string,
    jamId: Id,
    itemId: Id,
    body: Partial<Pick<QueueItem, 'pinned' | 'position' | 'openSlots'>>,
  ) => request<QueueItem>('PATCH', `/jams/${enc(jamId)}/queue/${enc(itemId)}`, { token, body }),
  reorder: (token: string, jamId: Id, items: { id: Id; position: number }[]) =>
    request<{ items: { id: Id; pinned: boolean; position: number }[] }>('PUT', `/jams/${enc(jamId)}/queue/order`, {
      token,
      body: { items },
    }),
  removeItem: (token: string, jamId: Id, itemId: Id) =>
    request<void>('DELETE', `/jams/${enc(jamId)}/queue/${enc(itemId)}`, { token }),
  vote: (token: string, jamId: Id, itemId: Id, on: boolean) =>
    request<{ voted: boolean; votes: number }>(on ? 'POST' : 'DELETE', `/jams/${enc(jamId)}/queue/${enc(itemId)}/vote`, {
      token,
      timeoutMs: WRITE_TIMEOUT_MS,
    }),
  signUp: (token: string, jamId: Id, itemId: Id, instrument: string) =>
    request<{ performers: Performer[] }>('POST', `/jams/${enc(jamId)}/queue/${enc(itemId)}/performers`, {
      token,
      body: { instrument },
      timeoutMs: WRITE_TIMEOUT_MS,
    }),
  withdraw: (token: string, jamId: Id, itemId: Id, instrument: string) =>
    request<{ performers: Performer[] }>(
      'DELETE',
      `/jams/${enc(jamId)}/queue/${enc(itemId)}/performers/${enc(instrument)}`,
      { token, timeoutMs: WRITE_TIMEOUT_MS },
    ),
  confirmLineup: (token: string, jamId: Id, itemId: Id) =>
    request<LineupChange>('POST', `/jams/${enc(jamId)}/queue/${enc(itemId)}/lineup/confirm`, { token }),
  skipPerformer: (token: string, jamId: Id, itemId: Id, attendeeId: Id) =>
    request<LineupChange>('POST', `/jams/${enc(jamId)}/queue/${enc(itemId)}/lineup/skip`, { token, body: { attendeeId } }),
  sheet: (token: string | null, jamId: Id, itemId: Id) =>
    request<Sheet>('GET', `/jams/${enc(jamId)}/queue/${enc(itemId)}/sheet`, { token }),
  nowPlaying: (token: string, jamId: Id, itemId: Id) =>
    request<unknown>('POST', `/jams/${enc(jamId)}/now-playing`, { token, body: { itemId } }),
  next: (token: string, jamId: Id) => request<unknown>('POST', `/jams/${enc(jamId)}/next`, { token }),
  skip: (token: string, jamId: Id) => request<unknown>('POST', `/jams/${enc(jamId)}/skip`, { token }),

  songs: (q: string, signal?: AbortSignal) =>
    request<Song[]>('GET', `/songs${q ? `?q=${enc(q)}` : ''}`, { signal }),
  song: (songId: Id) => request<Song>('GET', `/songs/${enc(songId)}`),
  createSong: (token: string, body: Omit<Song, 'id'>) => request<Song>('POST', '/songs', { token, body }),
  updateSong: (token: string, songId: Id, body: Partial<Song>) =>
    request<Song>('PATCH', `/songs/${enc(songId)}`, { token, body }),
  deleteSong: (token: string, songId: Id) => request<void>('DELETE', `/songs/${enc(songId)}`, { token }),

  venues: () => request<Venue[]>('GET', '/venues'),
  flags: () => request<Flags>('GET', '/flags'),
  setFlag: (token: string, name: string, enabled: boolean) =>
    request<unknown>('PUT', `/flags/${enc(name)}`, { token, body: { enabled } }),
};
