import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** Stands in for the browser's WebSocket: records each socket and lets the test open, message or close it. */
class FakeWebSocket {
  static made: FakeWebSocket[] = [];
  private listeners: { type: string; listener: (e: unknown) => void }[] = [];
  onopen: ((e: unknown) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  sent: string[] = [];
  constructor(readonly url: string) {
    FakeWebSocket.made.push(this);
  }
  addEventListener(type: string, listener: (e: unknown) => void) {
    this.listeners.push({ type, listener });
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.fire('close', { code: 1000 });
  }
  fire(type: 'open' | 'close' | 'message', init: object = {}) {
    const event = { type, ...init };
    this.listeners.filter((l) => l.type === type).forEach((l) => l.listener(event));
    (this[`on${type}`] as ((e: unknown) => void) | null)?.(event);
  }
}

const sockJSMade: string[] = [];
vi.mock('sockjs-client/lib/entry.js', () => ({
  default: class {
    onopen = null;
    onclose = null;
    onmessage = null;
    constructor(url: string) {
      sockJSMade.push(url);
    }
    send() {}
    close() {}
  },
}));

async function freshSocketModule() {
  vi.resetModules();
  return (await import('./socket')).default;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('LiveSocket', () => {
  beforeEach(() => {
    FakeWebSocket.made = [];
    sockJSMade.length = 0;
    vi.stubGlobal('WebSocket', FakeWebSocket);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("speaks to the bridge's raw WebSocket endpoint on the page's own scheme", async () => {
    const LiveSocket = await freshSocketModule();
    new LiveSocket('https://jam.example/eventbus');
    new LiveSocket('http://localhost:8080/eventbus/');
    expect(FakeWebSocket.made.map((s) => s.url)).toEqual([
      'wss://jam.example/eventbus/websocket',
      'ws://localhost:8080/eventbus/websocket',
    ]);
    expect(sockJSMade).toEqual([]);
  });

  it('hands open, messages and close to the bridge client, and its frames to the socket', async () => {
    const LiveSocket = await freshSocketModule();
    const socket = new LiveSocket('http://localhost/eventbus');
    const seen: string[] = [];
    socket.onopen = () => seen.push('open');
    socket.onmessage = (e) => seen.push(`message ${String(e.data)}`);
    socket.onclose = () => seen.push('close');
    const native = FakeWebSocket.made[0];
    native.fire('open');
    native.fire('message', { data: '{"type":"rec"}' });
    socket.send('{"type":"ping"}');
    socket.close();
    expect(seen).toEqual(['open', 'message {"type":"rec"}', 'close']);
    expect(native.sent).toEqual(['{"type":"ping"}']);
  });

  it('falls back to SockJS when WebSockets never open but the bridge answers over HTTP', async () => {
    const info = vi.fn(async () => new Response('{"websocket":true}', { status: 200 }));
    vi.stubGlobal('fetch', info);
    const LiveSocket = await freshSocketModule();
    for (let attempt = 0; attempt < 2; attempt++) {
      new LiveSocket('http://localhost/eventbus');
      FakeWebSocket.made.at(-1)?.fire('close', { code: 1006 });
    }
    await flush();
    expect(info).toHaveBeenCalledWith('http://localhost/eventbus/info', { cache: 'no-store' });
    new LiveSocket('http://localhost/eventbus');
    await flush();
    expect(FakeWebSocket.made).toHaveLength(2);
    expect(sockJSMade).toEqual(['http://localhost/eventbus']);
  });

  it('keeps the native path while the server itself is down', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const LiveSocket = await freshSocketModule();
    for (let attempt = 0; attempt < 3; attempt++) {
      new LiveSocket('http://localhost/eventbus');
      FakeWebSocket.made.at(-1)?.fire('close', { code: 1006 });
    }
    await flush();
    new LiveSocket('http://localhost/eventbus');
    await flush();
    expect(FakeWebSocket.made).toHaveLength(4);
    expect(sockJSMade).toEqual([]);
  });

  it('a socket that opened once resets the count: a later blip does not switch transports', async () => {
    const info = vi.fn(async () => new Response('{}', { status: 200 }));
    vi.stubGlobal('fetch', info);
    const LiveSocket = await freshSocketModule();
    new LiveSocket('http://localhost/eventbus');
    FakeWebSocket.made[0].fire('close');
    new LiveSocket('http://localhost/eventbus');
    FakeWebSocket.made[1].fire('open');
    FakeWebSocket.made[1].fire('close');
    new LiveSocket('http://localhost/eventbus');
    FakeWebSocket.made[2].fire('close');
    await flush();
    expect(info).not.toHaveBeenCalled();
  });

  it('uses SockJS from the start in a browser without WebSocket', async () => {
    vi.stubGlobal('WebSocket', undefined);
    const LiveSocket = await freshSocketModule();
    new LiveSocket('http://localhost/eventbus');
    await flush();
    expect(sockJSMade).toEqual(['http://localhost/eventbus']);
  });
});
