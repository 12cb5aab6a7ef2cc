import { describe, expect, it, vi } from 'vitest';
import { registerServiceWorker } from './serviceWorker';

function fakeContainer() {
  return { register: vi.fn(async () => ({}) as ServiceWorkerRegistration) } as unknown as ServiceWorkerContainer & {
    register: ReturnType<typeof vi.fn>;
  };
}

describe('registerServiceWorker', () => {
  it('registers /sw.js for the whole app in a production build', () => {
    const container = fakeContainer();
    vi.spyOn(document, 'readyState', 'get').mockReturnValue('complete');
    registerServiceWorker(true, container);
    expect(container.register).toHaveBeenCalledWith('/sw.js', { scope: '/' });
  });

  it('waits for the page to load before registering', () => {
    const container = fakeContainer();
    vi.spyOn(document, 'readyState', 'get').mockReturnValue('interactive');
    registerServiceWorker(true, container);
    expect(container.register).not.toHaveBeenCalled();
    window.dispatchEvent(new Event('load'));
    expect(container.register).toHaveBeenCalledTimes(1);
  });

  it('never registers under the dev server', () => {
    const container = fakeContainer();
    vi.spyOn(document, 'readyState', 'get').mockReturnValue('complete');
    registerServiceWorker(false, container);
    window.dispatchEvent(new Event('load'));
    expect(container.register).not.toHaveBeenCalled();
  });

  it('does nothing where browsers have no service workers', () => {
    vi.spyOn(document, 'readyState', 'get').mockReturnValue('complete');
    expect(() => registerServiceWorker(true, undefined)).not.toThrow();
  });
});
