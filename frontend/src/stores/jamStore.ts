import { computed, signal } from '@preact/signals';
import { api as defaultApi, ApiError, describeError } from '../api/client';
import { connectLive as defaultConnect, type LiveConnection, type LiveStatus } from '../api/live';
import type { Flags, JamEvent, Me, QueueItem } from '../api/types';
import { GAP_WAIT_MS } from '../config';
import { fromSnapshot, nowPlaying, playedItems, queuedItems, reduce, type JamState } from './queue';

export interface JamStoreOptions {
  /** The token sent with reads and the live registration (attendee, host or stage); the viewer token otherwise. */
  token: () => string | null;
  /** Also register `jam.<id>.host` and hand its messages here. */
  onHostMessage?: (body: unknown) => void;
  api?: Pick<typeof defaultApi, 'snapshot' | 'events'>;
  connect?: typeof defaultConnect;
  gapWaitMs?: number;
}

/**
 * The state of one jam: the snapshot, then events applied strictly in seq order.
 * A gap waits briefly, then asks `events?after=`; 410 reloads the snapshot.
 */
export class JamStore {
  readonly state = signal<JamState | null>(null);
  readonly error = signal<string | null>(null);
  readonly notFound = signal(false);
  readonly live = signal<LiveStatus>('offline');

  readonly jam = computed(() => this.state.value?.jam ?? null);
  readonly queued = computed(() => (this.state.value ? queuedItems(this.state.value) : []));
  readonly nowPlaying = computed(() => (this.state.value ? nowPlaying(this.state.value) : null));
  readonly played = computed(() => (this.state.value ? playedItems(this.state.value) : []));
  readonly me = computed(() => this.state.value?.me ?? null);
  readonly flags = computed<Partial<Flags>>(() => this.state.value?.flags ?? {});

  private readonly pending = new Map<number, JamEvent>();
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  private catchingUp: Promise<void> | null = null;
  private connection: LiveConnection | null = null;
  private stopped = false;
  private readonly api: NonNullable<JamStoreOptions['api']>;
  private readonly connect: typeof defaultConnect;
  private readonly gapWaitMs: number;

  constructor(
    readonly key: string,
    private readonly options: JamStoreOptions,
  ) {
    this.api = options.api ?? defaultApi;
    this.connect = options.connect ?? defaultConnect;
    this.gapWaitMs = options.gapWaitMs ?? GAP_WAIT_MS;
  }

  get seq(): number {
    return this.state.value?.seq ?? 0;
  }

  /** Loads the snapshot, then follows the live stream. */
  async start(): Promise<void> {
    await this.load();
    if (this.state.value && !this.stopped) this.follow();
  }

  stop(): void {
    this.stopped = true;
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.connection?.close();
    this.connection = null;
  }

  async load(retried = false): Promise<void> {
    const token = this.options.token();
    try {
      const snapshot = await this.api.snapshot(this.key, token);
      this.state.value = fromSnapshot(snapshot);
      this.error.value = null;
      this.notFound.value = false;
      this.drain();
    } catch (error) {
      // A refused token was just forgotten by the session store: read the jam as a viewer.
      if (error instanceof ApiError && error.status === 401 && token && !retried) return this.load(true);
      if (error instanceof ApiError && error.status === 404) this.notFound.value = true;
      this.error.value = describeError(error);
    }
  }

  private follow(): void {
    const jamId = this.state.value!.jam.id;
    const addresses = [`jam.${jamId}`, 'flags'];
    if (this.options.onHostMessage) addresses.push(`jam.${jamId}.host`);
    this.connection = this.connect({
      addresses,
      token: () => this.readToken(),
      onMessage: (address, body) => {
        if (address === `jam.${jamId}`) this.receive(body as JamEvent);
        else if (address === 'flags') this.applyFlags(body);
        else this.options.onHostMessage?.(body);
      },
      onStatus: (status) => (this.live.value = status),
      // The bridge refused our token (removed from the jam, expired): stop pretending to be live.
      onRejected: () => (this.live.value = 'offline'),
      // Events published between the snapshot and the registration, or while offline, come from here.
      onRegistered: () => void this.catchUp(),
    });
  }

  private readToken(): string | null {
    return this.options.token() ?? this.state.value?.viewerToken ?? null;
  }

  /** Takes one event from the live stream, in any order. */
  receive(event: JamEvent): void {
    if (!event || typeof event.seq !== 'number') return;
    const state = this.state.value;
    if (state && event.seq <= state.seq) return;
    this.pending.set(event.seq, event);
    this.drain();
  }

  private drain(): void {
    let state = this.state.value;
    if (!state) return;
    let next = this.pending.get(state.seq + 1);
    for (const seq of [...this.pending.keys()]) if (seq <= state.seq) this.pending.delete(seq);
    while (next) {
      this.pending.delete(next.seq);
      state = { ...reduce(state, next), seq: next.seq };
      next = this.pending.get(state.seq + 1);
    }
    this.state.value = state;
    if (this.pending.size > 0) this.scheduleCatchUp();
    else if (this.gapTimer) {
      clearTimeout(this.gapTimer);
      this.gapTimer = null;
    }
  }

  private scheduleCatchUp(): void {
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.pending.size > 0) void this.catchUp();
    }, this.gapWaitMs);
  }

  /** Fetches what came after our seq; reloads the snapshot when the server no longer has it. */
  catchUp(): Promise<void> {
    if (this.catchingUp) return this.catchingUp;
    const state = this.state.value;
    if (!state) return Promise.resolve();
    this.catchingUp = (async () => {
      try {
        const answer = await this.api.events(this.readToken(), state.jam.id, this.seq);
        for (const event of answer.events) if (event.seq > this.seq) this.pending.set(event.seq, event);
        this.drain();
      } catch (error) {
        if (error instanceof ApiError && error.status === 410) await this.load();
      } finally {
        this.catchingUp = null;
      }
    })();
    return this.catchingUp;
  }

  /** Feature flags are global and carry no seq: the latest message wins. */
  applyFlags(body: unknown): void {
    const flags = (body as { type?: string; data?: { flags?: Flags } } | null)?.data?.flags;
    if (flags && typeof flags === 'object') this.update((s) => ({ ...s, flags }));
  }

  /** A change we know from our own API answer, before (or instead of) its event. */
  update(change: (state: JamState) => JamState): void {
    if (this.state.value) this.state.value = change(this.state.value);
  }

  upsertItem(item: QueueItem): void {
    this.update((s) => reduce(s, { type: 'queue.updated', seq: 0, jamId: s.jam.id, at: '', data: { item } }));
  }

  updateMe(change: (me: Me) => Me): void {
    this.update((s) => (s.me ? { ...s, me: change(s.me) } : s));
  }
}
