import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../i18n';
import { ApiError, api, describeError, isTransient, onTokenExpired, onUnauthorized, request } from './client';

function answer(status: number, body?: unknown, raw?: string) {
  return vi.fn().mockResolvedValue(
    new Response(raw ?? (body === undefined ? null : JSON.stringify(body)), {
      status,
      headers: { 'Content-Type': 'application/json' },
    }),
  );
}

describe('api client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    onUnauthorized(() => {});
    onTokenExpired(async () => null);
  });

  it('renews an expired token once and retries with the new one', async () => {
    const fetch = vi.fn()
      .mockResolvedValueOnce(new Response(JSON.stringify({ status: 401, error: 'invalid_token', message: 'expired' }), { status: 401 }))
      .mockResolvedValueOnce(new Response(JSON.stringify({ id: 7 }), { status: 201 }));
    vi.stubGlobal('fetch', fetch);
    const renewer = vi.fn().mockResolvedValue('fresh');
    onTokenExpired(renewer);
    await expect(request('POST', '/jams', { token: 'stale', body: {} })).resolves.toEqual({ id: 7 });
    expect(renewer).toHaveBeenCalledWith('stale');
    expect(fetch.mock.calls[1][1].headers.Authorization).toBe('Bearer fresh');
  });

  it('reports 401 when the renewal is refused, without looping', async () => {
    const fetch = vi.fn().mockImplementation(async () =>
      new Response(JSON.stringify({ status: 401, error: 'invalid_token', message: 'expired' }), { status: 401 }));
    vi.stubGlobal('fetch', fetch);
    const seen = vi.fn();
    onUnauthorized(seen);
    onTokenExpired(async () => 'still-bad');
    await expect(request('GET', '/audit', { token: 'stale' })).rejects.toMatchObject({ status: 401 });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(seen).toHaveBeenCalledWith('still-bad', expect.anything());
  });

  it('sends JSON with the bearer token and parses the answer', async () => {
    const fetch = answer(200, { voted: true, votes: 3 });
    vi.stubGlobal('fetch', fetch);
    await expect(api.vote('tok', 'j1', 'i1', true)).resolves.toEqual({ voted: true, votes: 3 });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/v1/jams/j1/queue/i1/vote');
    expect(init.method).toBe('POST');
    expect(init.headers.Authorization).toBe('Bearer tok');
  });

  it('turns the error shape into an ApiError with code, message and field', async () => {
    vi.stubGlobal('fetch', answer(409, { status: 409, error: 'suggestion_limit', message: 'You have used your 3 suggestions', field: 'title' }));
    const error = await request('POST', '/jams/j1/queue', { body: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'suggestion_limit', field: 'title' });
    expect(describeError(error)).toBe('You have used your 3 suggestions');
  });

  it('explains a non-JSON failure in plain words', async () => {
    vi.stubGlobal('fetch', answer(429, undefined, 'slow down'));
    const error = await request('GET', '/flags').catch((e) => e);
    expect(error).toMatchObject({ status: 429, code: 'http_429' });
    expect(describeError(error)).toMatch(/Too many requests/);
  });

  it('hides server internals behind a 5xx message', async () => {
    vi.stubGlobal('fetch', answer(500, { status: 500, error: 'internal', message: 'NullPointerException at …' }));
    const error = await request('GET', '/flags').catch((e) => e);
    expect(describeError(error)).toBe('The server had a problem. Try again in a moment.');
  });

  it('reads Retry-After from a 503 and calls it transient, in calm words', async () => {
    const body = JSON.stringify({ status: 503, error: 'database_unavailable', message: 'The database is unavailable' });
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response(body, { status: 503, headers: { 'Retry-After': '2' } })));
    const error = await request('POST', '/jams/j1/queue/i1/vote').catch((e) => e);
    expect(error).toMatchObject({ status: 503, code: 'database_unavailable', retryAfter: 2 });
    expect(isTransient(error)).toBe(true);
    expect(describeError(error)).toBe('The server is briefly unavailable. Try again in a moment.');
  });

  it('tells passing faults from refusals', () => {
    for (const status of [0, 502, 503, 504]) expect(isTransient(new ApiError(status, 'x', 'x'))).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 429, 500]) expect(isTransient(new ApiError(status, 'x', 'x'))).toBe(false);
    expect(isTransient(new Error('boom'))).toBe(false);
  });

  it('gives up on an unanswered write after its timeout, as a lost connection', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init: RequestInit) => new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)))),
    );
    const error = await request('POST', '/x', { timeoutMs: 20 }).catch((e) => e);
    expect(error).toMatchObject({ status: 0, code: 'network' });
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const error = await request('GET', '/flags').catch((e) => e);
    expect(error).toMatchObject({ status: 0, code: 'network' });
  });

  it('hands every 401 to the one unauthorized handler with the token used', async () => {
    const handler = vi.fn();
    onUnauthorized(handler);
    vi.stubGlobal('fetch', answer(401, { status: 401, error: 'invalid_token', message: 'Token expired' }));
    await expect(api.attendees('old-token', 'j1')).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledWith('old-token', expect.objectContaining({ code: 'invalid_token' }));
  });

  it('does not call the 401 handler for other failures', async () => {
    const handler = vi.fn();
    onUnauthorized(handler);
    vi.stubGlobal('fetch', answer(403, { status: 403, error: 'suggestions_closed', message: 'Suggestions are closed' }));
    await expect(api.flags()).rejects.toThrow('Suggestions are closed');
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers undefined for 204', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response(null, { status: 204 })));
    await expect(api.deleteJam('t', 'j1')).resolves.toBeUndefined();
  });

  it('says known error codes and its own fallbacks in the reader language, other server words as sent', async () => {
    await setLocale('es');
    try {
      expect(describeError(new ApiError(403, 'suggestions_closed', 'The host has closed suggestions for now'))).toBe(
        'El anfitrión ha cerrado las sugerencias por ahora',
      );
      expect(describeError(new ApiError(409, 'name_taken', 'Someone called Ana has already joined'))).toBe(
        'Someone called Ana has already joined',
      );
      expect(describeError(new ApiError(500, 'internal', 'NullPointerException'))).toBe(
        'El servidor ha tenido un problema. Inténtalo enseguida.',
      );
      expect(describeError(new Error('boom'))).toBe('Algo ha fallado. Inténtalo de nuevo.');
    } finally {
      await setLocale('en');
    }
    expect(describeError(new ApiError(403, 'suggestions_closed', 'The host has closed suggestions for now'))).toBe(
      'The host has closed suggestions for now',
    );
  });
});
