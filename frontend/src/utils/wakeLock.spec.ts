import { renderHook } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useWakeLock } from './wakeLock';

/** A fake navigator.wakeLock that records requests and hands out sentinels the test can inspect. */
function fakeWakeLock(options: { refuse?: boolean } = {}) {
  const sentinels: (EventTarget & { released: boolean; release: () => Promise<void> })[] = [];
  const request = vi.fn(async (type: string) => {
    if (type !== 'screen') throw new TypeError(type);
    if (options.refuse) throw new DOMException('low battery', 'NotAllowedError');
    const sentinel = Object.assign(new EventTarget(), {
      released: false,
      release: vi.fn(async () => {
        sentinel.released = true;
        sentinel.dispatchEvent(new Event('release'));
      }),
    });
    sentinels.push(sentinel);
    return sentinel;
  });
  Object.defineProperty(navigator, 'wakeLock', { value: { request }, configurable: true });
  return { request, sentinels, held: () => sentinels.filter((s) => !s.released).length };
}

let visibility: DocumentVisibilityState = 'visible';

function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('useWakeLock', () => {
  beforeEach(() => {
    visibility = 'visible';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  });
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'wakeLock');
  });

  it('holds the screen on while visible, gives it back when hidden and asks again when visible', async () => {
    const lock = fakeWakeLock();
    renderHook(() => useWakeLock());
    await settled();
    expect(lock.request).toHaveBeenCalledWith('screen');
    expect(lock.held()).toBe(1);

    setVisibility('hidden');
    await settled();
    expect(lock.held()).toBe(0);

    setVisibility('visible');
    await settled();
    expect(lock.request).toHaveBeenCalledTimes(2);
    expect(lock.held()).toBe(1);
  });

  it('releases the lock on unmount and stops listening', async () => {
    const lock = fakeWakeLock();
    const { unmount } = renderHook(() => useWakeLock());
    await settled();
    unmount();
    await settled();
    expect(lock.held()).toBe(0);
    setVisibility('hidden');
    setVisibility('visible');
    await settled();
    expect(lock.request).toHaveBeenCalledTimes(1);
  });

  it('asks again after the browser dropped the lock by itself', async () => {
    const lock = fakeWakeLock();
    renderHook(() => useWakeLock());
    await settled();
    await lock.sentinels[0].release();
    setVisibility('visible');
    await settled();
    expect(lock.request).toHaveBeenCalledTimes(2);
    expect(lock.held()).toBe(1);
  });

  it('does not ask while the page is hidden, and gives back a lock granted after it hid', async () => {
    visibility = 'hidden';
    const lock = fakeWakeLock();
    renderHook(() => useWakeLock());
    await settled();
    expect(lock.request).not.toHaveBeenCalled();

    setVisibility('visible');
    visibility = 'hidden';
    await settled();
    expect(lock.request).toHaveBeenCalledTimes(1);
    expect(lock.held()).toBe(0);
  });

  it('does nothing without the API and survives a refusal', async () => {
    renderHook(() => useWakeLock());
    const lock = fakeWakeLock({ refuse: true });
    const { unmount } = renderHook(() => useWakeLock());
    await settled();
    expect(lock.request).toHaveBeenCalledTimes(1);
    unmount();
  });
});
