import { describe, expect, it, vi } from 'vitest';

const constructed: { url: string; options: Record<string, unknown>; bus: { onopen: (() => void) | null } }[] = [];
const handlers: ((err: unknown, message: { body: unknown }) => void)[] = [];

vi.mock('@vertx/eventbus-bridge-client.js', () => ({
  default: class {
    onopen: (() => void) | null = null;
    onclose: (() => void) | null = null;
    onerror = () => {};
    constructor(url: string, options: Record<string, unknown>) {
      constructed.push({ url, options, bus: this });
    }
    registerHandler(_address: string, _headers: unknown, handler: (err: unknown, message: { body: unknown }) => void) {
      handlers.push(handler);
    }
    enableReconnect() {}
    close() {}
  },
}));

const { connectLive } = await import('./live');
const { LIVE_PING_INTERVAL_MS } = await import('../config');

describe('live', () => {
  it('hands each event on as the object the bridge delivered, as the stock bridge sends it', () => {
    const received: unknown[] = [];
    const live = connectLive({
      addresses: ['jam.1'],
      token: () => 'token',
      onMessage: (_address, body) => received.push(body),
      onStatus: () => {},
      onRegistered: () => {},
    });
    constructed.at(-1)?.bus.onopen?.();
    const event = { seq: 3, type: 'vote.changed' };
    handlers.at(-1)?.(null, { body: event });
    live.close();
    expect(received).toEqual([event]);
    expect(received[0]).toBe(event);
  });

  it('pings at the configured interval, well inside the server default timeout of 30 s', () => {
    const live = connectLive({
      addresses: ['jam.1'],
      token: () => null,
      onMessage: () => {},
      onStatus: () => {},
      onRegistered: () => {},
    });
    live.close();
    expect(constructed.at(-1)?.options.vertxbus_ping_interval).toBe(LIVE_PING_INTERVAL_MS);
    expect(LIVE_PING_INTERVAL_MS * 3).toBeLessThanOrEqual(30_000);
  });
});
