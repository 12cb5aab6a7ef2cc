import { signal } from '@preact/signals';
import { CSRF_HEADER, onTokenExpired, onUnauthorized } from '../api/client';
import { API_BASE } from '../config';
import type { Attendee, CoHostAnswer, Id, LoginAnswer } from '../api/types';
import { t } from '../i18n';

// sessionStorage is per tab: a reload keeps who you are, a second tab is a new person.
const HOST_KEY = 'jm.host';
const attendeeKey = (jamId: Id) => `jm.attendee.${jamId}`;
const cohostKey = (slug: string) => `jm.cohost.${slug}`;

export interface HostSession {
  token: string;
  expiresAt: string;
}

export interface AttendeeIdentity {
  token: string;
  attendee: Attendee;
}

function read<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // private mode with storage disabled: identity lasts until reload
  }
}

function loadHost(): HostSession | null {
  const host = read<HostSession>(HOST_KEY);
  if (!host) return null;
  if (host.expiresAt && Date.parse(host.expiresAt) <= Date.now()) {
    write(HOST_KEY, null);
    // The access token ran out while the tab slept; the refresh cookie may still be good.
    queueMicrotask(() => void renewHostSession());
    return null;
  }
  return host;
}

export const host = signal<HostSession | null>(loadHost());
/** A line shown once at the top of the page, e.g. after a session expired. */
export const notice = signal<string | null>(null);

export function loginHost(answer: LoginAnswer): void {
  const session = { token: answer.token, expiresAt: answer.expiresAt };
  write(HOST_KEY, session);
  host.value = session;
}

export function logoutHost(): void {
  write(HOST_KEY, null);
  host.value = null;
  // Ends the login on the server too, so the refresh cookie is worthless from now on.
  fetch(`${API_BASE}/auth/logout`, { method: 'POST', headers: CSRF_HEADER, credentials: 'same-origin' }).catch(() => {});
}

let renewal: Promise<string | null> | null = null;

/**
 * Host access tokens live 15 minutes; the HttpOnly refresh cookie buys a new one. Concurrent callers
 * share one renewal: a refresh cookie presented twice would end the session.
 */
export function renewHostSession(): Promise<string | null> {
  renewal ??= fetch(`${API_BASE}/auth/refresh`, { method: 'POST', headers: CSRF_HEADER, credentials: 'same-origin' })
    .then(async (response) => {
      if (!response.ok) return null;
      const answer = (await response.json()) as LoginAnswer;
      loginHost(answer);
      return answer.token;
    })
    .catch(() => null)
    .finally(() => {
      renewal = null;
    });
  return renewal;
}

onTokenExpired(async (expired) => (host.value?.token === expired ? renewHostSession() : null));

export function hostToken(): string | null {
  return host.value?.token ?? null;
}

const identities = signal<Record<string, AttendeeIdentity | null>>({});

export function identityFor(jamId: Id): AttendeeIdentity | null {
  const known = identities.value[jamId];
  if (known !== undefined) return known;
  return read<AttendeeIdentity>(attendeeKey(jamId));
}

export function saveIdentity(jamId: Id, identity: AttendeeIdentity | null): void {
  write(attendeeKey(jamId), identity);
  identities.value = { ...identities.value, [jamId]: identity };
}

/** A co-host session: runs one jam, named by its slug, until the link expires or is revoked. */
export type CoHostSession = Pick<CoHostAnswer, 'token' | 'expiresAt' | 'jamId' | 'slug' | 'cohost'>;

const cohosts = signal<Record<string, CoHostSession | null>>({});

/** This tab's co-host session for the jam with this slug, while its token has not run out. */
export function cohostFor(slug: string): CoHostSession | null {
  const known = cohosts.value[slug];
  const session = known !== undefined ? known : read<CoHostSession>(cohostKey(slug));
  if (session && Date.parse(session.expiresAt) <= Date.now()) return null;
  return session;
}

export function saveCohost(answer: CoHostAnswer | null, slug = answer?.slug): void {
  if (!slug) return;
  const session = answer && { token: answer.token, expiresAt: answer.expiresAt, jamId: answer.jamId, slug: answer.slug, cohost: answer.cohost };
  write(cohostKey(slug), session);
  cohosts.value = { ...cohosts.value, [slug]: session };
}

export function handleUnauthorized(token: string | null): void {
  if (!token) return;
  if (host.value?.token === token) {
    logoutHost();
    notice.value = t('session.hostExpired');
    return;
  }
  for (let i = 0; i < sessionStorage.length; i++) {
    const key = sessionStorage.key(i);
    if (!key?.startsWith('jm.cohost.')) continue;
    if (read<CoHostSession>(key)?.token === token) {
      saveCohost(null, key.slice('jm.cohost.'.length));
      notice.value = t('session.cohostEnded');
      return;
    }
  }
  for (let i = 0; i < sessionStorage.length; i++) {
    const key = sessionStorage.key(i);
    if (!key?.startsWith('jm.attendee.')) continue;
    const identity = read<AttendeeIdentity>(key);
    if (identity?.token === token) {
      saveIdentity(key.slice('jm.attendee.'.length), null);
      notice.value = t('session.attendeeRemoved');
      return;
    }
  }
}

onUnauthorized(handleUnauthorized);

/** Remembers which jam id a slug or join code names, so its identity can be found before the snapshot. */
export function rememberJam(jam: { id: Id; slug: string; joinCode: string }): void {
  write(`jm.alias.${jam.slug}`, jam.id);
  write(`jm.alias.${jam.joinCode}`, jam.id);
}

export function jamIdFor(slugOrJoinCode: string): Id | null {
  return read<Id>(`jm.alias.${slugOrJoinCode}`);
}

/** The attendee token for a jam named by slug or join code, if this tab joined it. */
export function attendeeTokenFor(slugOrJoinCode: string): string | null {
  const jamId = jamIdFor(slugOrJoinCode);
  return jamId ? (identityFor(jamId)?.token ?? null) : null;
}
