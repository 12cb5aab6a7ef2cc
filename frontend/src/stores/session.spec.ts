import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cohostFor, handleUnauthorized, host, identityFor, loginHost, notice, saveCohost, saveIdentity } from './session';

describe('session', () => {
  beforeEach(() => {
    // Logging the host out tells the server too; no server here.
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response(null, { status: 204 }))));
    sessionStorage.clear();
    host.value = null;
    notice.value = null;
  });

  it('keeps the attendee identity per jam in sessionStorage', () => {
    saveIdentity('j1', { token: 't1', attendee: { id: 'a1', name: 'Ana', instruments: ['bass'] } });
    expect(identityFor('j1')?.attendee.name).toBe('Ana');
    expect(identityFor('j2')).toBeNull();
    expect(JSON.parse(sessionStorage.getItem('jm.attendee.j1')!).token).toBe('t1');
  });

  it('logs the host out when the host token is refused', () => {
    loginHost({ token: 'h', expiresAt: new Date(Date.now() + 60_000).toISOString(), role: 'host' });
    handleUnauthorized('h');
    expect(host.value).toBeNull();
    expect(sessionStorage.getItem('jm.host')).toBeNull();
    expect(notice.value).toMatch(/Log in again/);
  });

  it('keeps a co-host session per jam slug until its token runs out', () => {
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    saveCohost({ token: 'c1', expiresAt, role: 'cohost', jamId: 7, slug: 'friday', cohost: { id: 3, name: 'Sam' } });
    expect(cohostFor('friday')?.cohost.name).toBe('Sam');
    expect(cohostFor('saturday')).toBeNull();
    expect(JSON.parse(sessionStorage.getItem('jm.cohost.friday')!).token).toBe('c1');

    saveCohost({ token: 'c2', expiresAt: new Date(Date.now() - 1).toISOString(), role: 'cohost', jamId: 8, slug: 'old', cohost: { id: 4, name: 'Kim' } });
    expect(cohostFor('old')).toBeNull();
  });

  it('drops the co-host session whose token is refused and says why', () => {
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    saveCohost({ token: 'c1', expiresAt, role: 'cohost', jamId: 7, slug: 'friday', cohost: { id: 3, name: 'Sam' } });
    handleUnauthorized('c1');
    expect(cohostFor('friday')).toBeNull();
    expect(sessionStorage.getItem('jm.cohost.friday')).toBeNull();
    expect(notice.value).toMatch(/co-host link was revoked or has expired/);
  });

  it('forgets the attendee whose token is refused', () => {
    saveIdentity('j1', { token: 't1', attendee: { id: 'a1', name: 'Ana', instruments: [] } });
    handleUnauthorized('t1');
    expect(identityFor('j1')).toBeNull();
  });
});
