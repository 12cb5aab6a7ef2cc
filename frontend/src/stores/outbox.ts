import { batch, signal } from '@preact/signals';
import { ApiError, isTransient } from '../api/client';
import { RETRY_MAX_MS, RETRY_MIN_MS, SLOW_WRITE_MS } from '../config';

/** The wait before retry number `attempt` (1, 2, …): doubling from 1 s to 15 s, ±20 % jitter, never sooner than `Retry-After`. */
export function retryDelay(attempt: number, error: unknown, random: () => number = Math.random): number {
  const backoff = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = backoff * (0.8 + 0.4 * random());
  const asked = error instanceof ApiError && error.retryAfter !== undefined ? error.retryAfter * 1000 : 0;
  return Math.round(Math.max(jittered, asked));
}

/** One write the server has not confirmed yet, as the views see it. */
export interface Unsent<I> {
  key: string;
  /** The latest thing the person asked for; applied on top of the server's state. */
  intent: I;
  /** A transient failure was seen (or the answer is slow): show it as pending. */
  pending: boolean;
  /** An attempt failed for a passing reason; it is being retried. */
  waiting: boolean;
}

export interface WriteSpec<I, T> {
  /** Sends one intent; `retried` is set once an earlier attempt may have reached the server. */
  send(intent: I, retried: boolean): Promise<T>;
  /** Would the intent still change the server's state? Asked before the first send and after each answer, so nothing already true there is sent. */
  needed?(intent: I): boolean;
  /** Takes the server's answer into the confirmed state (called inside the batch that drops the write). */
  landed(intent: I, answer: T): void;
}

interface Settle {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  onPending?: () => void;
}

interface Entry<I> {
  key: string;
  intent: I;
  spec: WriteSpec<I, unknown>;
  sending: boolean;
  attempts: number;
  slow: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  settle: Settle[];
}

/**
 * The writes of one jam not yet answered. One entry per key (an item's vote, a sign-up, one
 * suggestion): a new intent for the key replaces the old one, so only the latest is sent.
 * Transient failures keep the entry and retry it with backoff; a definitive one drops it and
 * rejects with the server's error.
 */
export class Outbox<I> {
  readonly writes = signal<Unsent<I>[]>([]);
  private readonly entries = new Map<string, Entry<I>>();
  private stopped = false;

  constructor(private readonly random: () => number = Math.random) {}

  submit<T>(key: string, intent: I, spec: WriteSpec<I, T>, onPending?: () => void): Promise<T | undefined> {
    return new Promise<T | undefined>((resolve, reject) => {
      const existing = this.entries.get(key);
      const settle: Settle = { resolve: resolve as (value: unknown) => void, reject, onPending };
      if (existing) {
        // Even a tap that undoes the last one is sent: an earlier attempt may have reached the server.
        existing.intent = intent;
        existing.spec = spec as WriteSpec<I, unknown>;
        if (existing.attempts > 0 || existing.slow) onPending?.();
        else settle.onPending = onPending;
        existing.settle.push(settle);
        this.publish();
        return;
      }
      if (spec.needed && !spec.needed(intent)) return resolve(undefined);
      const entry: Entry<I> = { key, intent, spec: spec as WriteSpec<I, unknown>, sending: false, attempts: 0, slow: false, timer: null, settle: [settle] };
      this.entries.set(key, entry);
      void this.send(entry);
    });
  }

  /** Sends every write waiting for its retry now (the connection is back). */
  retryNow(): void {
    for (const entry of this.entries.values()) {
      if (entry.sending || !entry.timer) continue;
      clearTimeout(entry.timer);
      entry.timer = null;
      void this.send(entry);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const entry of this.entries.values()) if (entry.timer) clearTimeout(entry.timer);
  }

  private async send(entry: Entry<I>): Promise<void> {
    if (this.stopped) return;
    const intent = entry.intent;
    entry.sending = true;
    this.publish();
    const slowTimer = setTimeout(() => {
      entry.slow = true;
      this.markPending(entry);
    }, SLOW_WRITE_MS);
    try {
      const answer = await entry.spec.send(intent, entry.attempts > 0);
      clearTimeout(slowTimer);
      entry.sending = false;
      if (this.stopped) return;
      let again = false;
      batch(() => {
        entry.spec.landed(intent, answer);
        const next = entry.intent;
        // Tapped again while this one was on its way: the latest intent goes next, if it still changes anything.
        again = next !== intent && (!entry.spec.needed || entry.spec.needed(next));
        if (!again) this.finish(entry, answer);
      });
      if (again) {
        entry.attempts = 0;
        entry.slow = false;
        void this.send(entry);
      }
    } catch (error) {
      clearTimeout(slowTimer);
      entry.sending = false;
      if (this.stopped) return;
      if (isTransient(error)) {
        entry.attempts += 1;
        entry.timer = setTimeout(() => {
          entry.timer = null;
          void this.send(entry);
        }, retryDelay(entry.attempts, error, this.random));
        this.markPending(entry);
      } else {
        this.finish(entry, undefined, error);
      }
    }
  }

  private markPending(entry: Entry<I>): void {
    for (const s of entry.settle) {
      s.onPending?.();
      s.onPending = undefined;
    }
    this.publish();
  }

  private finish(entry: Entry<I>, answer: unknown, error?: unknown): void {
    if (entry.timer) clearTimeout(entry.timer);
    this.entries.delete(entry.key);
    this.publish();
    for (const s of entry.settle) {
      if (error === undefined) s.resolve(answer);
      else s.reject(error);
    }
  }

  private publish(): void {
    this.writes.value = [...this.entries.values()].map((e) => ({
      key: e.key,
      intent: e.intent,
      pending: e.attempts > 0 || e.slow,
      waiting: e.attempts > 0,
    }));
  }
}
