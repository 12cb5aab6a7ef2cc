import EventBus from '@vertx/eventbus-bridge-client.js';
import { EVENTBUS_PATH, LIVE_PING_INTERVAL_MS } from '../config';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface LiveOptions {
  /** Event-bus addresses to register, e.g. `jam.<id>` and `jam.<id>.host`. */
  addresses: string[];
  /** Read at every (re)registration, so a renewed token is picked up. */
  token: () => string | null;
  onMessage: (address: string, body: unknown) => void;
  onStatus: (status: LiveStatus) => void;
  /** Called after every registration, first and re-, so the caller can catch up by seq. */
  onRegistered: (reconnect: boolean) => void;
  /** The bridge refused a registration (token not valid for the jam). */
  onRejected?: () => void;
}

export interface LiveConnection {
  close(): void;
}

interface BridgeMessage {
  address: string;
  body: unknown;
}

interface Bus {
  onopen: (() => void) | null;
  onclose: ((e: unknown) => void) | null;
  onerror: (err: unknown) => void;
  registerHandler(address: string, headers: Record<string, string>, cb: (err: unknown, msg: BridgeMessage) => void): void;
  enableReconnect(enable: boolean): void;
  close(): void;
}

/** One SockJS connection to the Vert.x event-bus bridge; reconnects and re-registers on its own. */
export function connectLive(options: LiveOptions): LiveConnection {
  const Bridge = EventBus as unknown as new (url: string, options: Record<string, unknown>) => Bus;
  const bus = new Bridge(new URL(EVENTBUS_PATH, location.href).toString(), {
    vertxbus_reconnect_attempts_max: Infinity,
    vertxbus_reconnect_delay_min: 500,
    vertxbus_reconnect_delay_max: 5000,
    vertxbus_ping_interval: LIVE_PING_INTERVAL_MS,
  });
  let opened = false;
  let closed = false;
  options.onStatus('connecting');
  bus.enableReconnect(true);

  bus.onopen = () => {
    const token = options.token();
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    // The bridge client forgets its handlers on every new socket: register again each time.
    for (const address of options.addresses) {
      bus.registerHandler(address, headers, (err, message) => {
        if (err) {
          options.onRejected?.();
          return;
        }
        options.onMessage(address, message.body);
      });
    }
    options.onStatus('live');
    options.onRegistered(opened);
    opened = true;
  };
  bus.onclose = () => {
    if (!closed) options.onStatus(opened ? 'reconnecting' : 'connecting');
  };
  bus.onerror = (err) => {
    if (err && typeof err === 'object' && (err as { body?: unknown }).body === 'rejected') options.onRejected?.();
  };

  return {
    close() {
      closed = true;
      options.onStatus('offline');
      try {
        bus.close();
      } catch {
        // already closed
      }
    },
  };
}
