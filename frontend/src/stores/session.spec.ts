import { beforeEach, describe, expect, it } from 'vitest';
import { handleUnauthorized, host, identityFor, loginHost, notice, saveIdentity } from './session';

describe('session', () => {
  beforeEach(() => {
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

  it('forgets the attendee whose token is refused', () => {
    saveIdentity('j1', { token: 't1', attendee: { id: 'a1', name: 'Ana', instruments: [] } });
    handleUnauthorized('t1');
    expect(identityFor('j1')).toBeNull();
  });
});
