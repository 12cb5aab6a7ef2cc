import { describe, expect, it, vi } from 'vitest';

const constructed: { url: string; options: Record<string, unknown> }[] = [];

vi.mock('@vertx/eventbus-bridge-client.js', () => ({
  default: class {
    onopen: (() => void) | null = null;
    onclose: (() => void) | null = null;
    onerror = () => {};
    constructor(url: string, options: Record<string, unknown>) {
      constructed.push({ url, options });
    }
    registerHandler() {}
    enableReconnect() {}
    close() {}
  },
}));

const { connectLive, decode } = await import('./live');
const { LIVE_PING_INTERVAL_MS } = await import('../config');

describe('live', () => {
  it('decodes events the server encoded once as JSON text', () => {
    expect(decode('{"seq":3,"type":"vote.changed"}')).toEqual({ seq: 3, type: 'vote.changed' });
    expect(decode({ seq: 4 })).toEqual({ seq: 4 });
    expect(decode('not json')).toBeNull();
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
