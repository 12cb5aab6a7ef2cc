import { describe, expect, it } from 'vitest';
import { isAppPath, matchRoute } from './router';

describe('router', () => {
  it('matches every screen', () => {
    expect(matchRoute('/')).toEqual({ name: 'home', params: {} });
    expect(matchRoute('/j/AB12')).toEqual({ name: 'join', params: { joinCode: 'AB12' } });
    expect(matchRoute('/jams/friday-blues')).toEqual({ name: 'jam', params: { slug: 'friday-blues' } });
    expect(matchRoute('/jams/friday-blues/host').name).toBe('host');
    expect(matchRoute('/jams/friday-blues/stage/').name).toBe('stage');
    expect(matchRoute('/jams/friday-blues/recap').name).toBe('recap');
    expect(matchRoute('/songs').name).toBe('songs');
    expect(matchRoute('/admin').name).toBe('admin');
    expect(matchRoute('/cohost').name).toBe('cohost');
  });

  it('leaves /docs and the API to the server', () => {
    expect(isAppPath('/docs')).toBe(false);
    expect(isAppPath('/api/v1/flags')).toBe(false);
    expect(isAppPath('/jams/x/host/extra')).toBe(false);
  });
});
