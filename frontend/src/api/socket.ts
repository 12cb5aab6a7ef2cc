// The socket under the official event-bus client (vite.config.ts aliases `sockjs-client` to sockjs-client.cjs,
// which hands the client this class).
// Browsers with a WebSocket talk to the bridge's raw WebSocket endpoint, which speaks the same bridge
// frames without SockJS's own framing. sockjs-client is loaded only where that cannot work: merely loading
// it installs an `unload` listener, which keeps a live page out of the back/forward cache and is flagged
// as a deprecated API.

interface Socket {
  onopen: ((e: unknown) => void) | null;
  onclose: ((e: unknown) => void) | null;
  onmessage: ((e: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}

type SockJSConstructor = new (url: string, reserved: null, options?: Record<string, unknown>) => Socket;

/** Native sockets that closed before opening in a row; with a bridge that answers, WebSockets are blocked. */
const FAILED_OPENS_BEFORE_PROBE = 2;
let failedOpens = 0;
let sockJSOnly = typeof WebSocket === 'undefined';

function rawUrl(url: string): string {
  const u = new URL(url);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.pathname = `${u.pathname.replace(/\/$/, '')}/websocket`;
  return u.toString();
}

/**
 * After repeated failed opens, asks the bridge's SockJS info endpoint whether the server is there at all:
 * if it answers, something between here and it (a proxy, a captive portal) refuses WebSockets, and from
 * now on SockJS's HTTP transports carry the stream. A server that is down keeps the native path.
 */
function probeFallback(url: string): void {
  fetch(`${url.replace(/\/$/, '')}/info`, { cache: 'no-store' })
    .then((res) => {
      if (res.ok) sockJSOnly = true;
    })
    .catch(() => {});
}

export default class LiveSocket implements Socket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;

  onopen: ((e: unknown) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  private inner: Socket | null = null;
  private closed = false;

  constructor(url: string, _reserved?: null, options?: Record<string, unknown>) {
    if (sockJSOnly) {
      import('sockjs-client/lib/entry.js').then(
        (module) => {
          const SockJS = (module.default ?? module) as unknown as SockJSConstructor;
          if (!this.closed) this.attach(new SockJS(url, null, options));
        },
        // Offline before the fallback was ever fetched: a closed socket makes the bridge client retry.
        () => {
          if (!this.closed) this.onclose?.({ code: 1006 });
        },
      );
      return;
    }
    const socket = new WebSocket(rawUrl(url));
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      failedOpens = 0;
    });
    socket.addEventListener('close', () => {
      if (!opened && ++failedOpens >= FAILED_OPENS_BEFORE_PROBE) probeFallback(url);
    });
    this.attach(socket as unknown as Socket);
  }

  send(data: string): void {
    this.inner?.send(data);
  }

  close(): void {
    this.closed = true;
    this.inner?.close();
  }

  private attach(socket: Socket): void {
    this.inner = socket;
    socket.onopen = (e: unknown) => this.onopen?.(e);
    socket.onclose = (e: unknown) => this.onclose?.(e);
    socket.onmessage = (e: { data: unknown }) => this.onmessage?.(e);
  }
}
