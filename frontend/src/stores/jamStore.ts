import { computed, signal } from '@preact/signals';
import { api as defaultApi, ApiError, describeError, isTransient, type SuggestBody } from '../api/client';
import { connectLive as defaultConnect, type LiveConnection, type LiveStatus } from '../api/live';
import type { Flags, Id, Jam, JamEvent, Me, Performer, QueueItem } from '../api/types';
import { GAP_WAIT_MS } from '../config';
import { t } from '../i18n';
import { Outbox, retryDelay, type WriteSpec } from './outbox';
import { applyIntent, fromSnapshot, nowPlaying, playedItems, queuedItems, reduce, type Intent, type JamState } from './queue';

type WriteApi = Pick<typeof defaultApi, 'vote' | 'suggest' | 'signUp' | 'withdraw'>;

export interface JamStoreOptions {
  /** The token sent with reads and the live registration (attendee, host or stage); the viewer token otherwise. */
  token: () => string | null;
  /** Also register `jam.<id>.host` and hand its messages here. */
  onHostMessage?: (body: unknown) => void;
  api?: Pick<typeof defaultApi, 'snapshot' | 'events'> & Partial<WriteApi>;
  connect?: typeof defaultConnect;
  gapWaitMs?: number;
  /** For tests: the jitter of retry delays. */
  random?: () => number;
}

/** A suggestion not confirmed yet is shown in the queue under an id of this form. */
export const DRAFT_PREFIX = 'draft-';
let drafts = 0;

/**
 * The state of one jam: the snapshot, then events applied strictly in seq order.
 * A gap waits briefly, then asks `events?after=`; 410 reloads the snapshot.
 *
 * The person's own writes (vote, suggest, sign up) are actions here: each shows at once, on top of
 * the server's state, until the server answers. A passing fault (no connection, 502/503/504) keeps
 * the write pending and retries it; a refusal drops it and rejects with the server's error.
 */
export class JamStore {
  /** What the server told us: snapshot, events in seq order, answers to our writes. */
  private readonly confirmed = signal<JamState | null>(null);
  private readonly outbox: Outbox<Intent>;
  /** The confirmed state with every write not yet answered applied on top. */
  readonly state = computed(() => {
    const base = this.confirmed.value;
    return base && this.outbox.writes.value.reduce((s, w) => applyIntent(s, w.intent), base);
  });
  readonly error = signal<string | null>(null);
  readonly notFound = signal(false);
  readonly live = signal<LiveStatus>('offline');
  /** Items (and draft suggestions) with a write that is slow or waiting to be retried. */
  readonly pendingIds = computed(() => {
    const ids = new Set<Id>();
    for (const w of this.outbox.writes.value) {
      if (w.intent.kind === 'suggest') ids.add(w.intent.draftId);
      else if (w.pending) ids.add(w.intent.itemId);
    }
    return ids;
  });
  /** The live status as a person should read it: reconnecting while writes wait for the server to come back. */
  readonly status = computed<LiveStatus>(() => {
    const status = this.live.value;
    return status === 'live' && this.outbox.writes.value.some((w) => w.waiting) ? 'reconnecting' : status;
  });

  readonly jam = computed(() => this.state.value?.jam ?? null);
  readonly queued = computed(() => (this.state.value ? queuedItems(this.state.value) : []));
  readonly nowPlaying = computed(() => (this.state.value ? nowPlaying(this.state.value) : null));
  readonly played = computed(() => (this.state.value ? playedItems(this.state.value) : []));
  readonly me = computed(() => this.state.value?.me ?? null);
  readonly flags = computed<Partial<Flags>>(() => this.state.value?.flags ?? {});

  private readonly early = new Map<number, JamEvent>();
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  private catchingUp: Promise<void> | null = null;
  private catchUpTimer: ReturnType<typeof setTimeout> | null = null;
  private catchUpAttempts = 0;
  private connection: LiveConnection | null = null;
  private stopped = false;
  private readonly api: NonNullable<JamStoreOptions['api']>;
  private readonly writeApi: WriteApi;
  private loadAttempts = 0;
  private loadTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly onOnline = () => {
    this.outbox.retryNow();
    if (this.loadTimer) {
      clearTimeout(this.loadTimer);
      this.loadTimer = null;
      void this.start();
    }
  };
  private readonly connect: typeof defaultConnect;
  private readonly gapWaitMs: number;

  constructor(
    readonly key: string,
    private readonly options: JamStoreOptions,
  ) {
    this.api = options.api ?? defaultApi;
    this.writeApi = { ...defaultApi, ...options.api } as WriteApi;
    this.outbox = new Outbox<Intent>(options.random);
    this.connect = options.connect ?? defaultConnect;
    this.gapWaitMs = options.gapWaitMs ?? GAP_WAIT_MS;
  }

  get seq(): number {
    return this.confirmed.value?.seq ?? 0;
  }

  /** Loads the snapshot, then follows the live stream. */
  async start(): Promise<void> {
    globalThis.addEventListener?.('online', this.onOnline);
    await this.load();
    if (this.confirmed.value && !this.stopped && !this.connection) this.follow();
  }

  stop(): void {
    this.stopped = true;
    if (this.loadTimer) clearTimeout(this.loadTimer);
    this.outbox.stop();
    globalThis.removeEventListener?.('online', this.onOnline);
    if (this.gapTimer) clearTimeout(this.gapTimer);
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
    this.connection?.close();
    this.connection = null;
  }

  async load(retried = false): Promise<void> {
    const token = this.options.token();
    try {
      const snapshot = await this.api.snapshot(this.key, token);
      this.confirmed.value = fromSnapshot(snapshot);
      this.error.value = null;
      this.notFound.value = false;
      this.drain();
    } catch (error) {
      // A refused token was just forgotten by the session store: read the jam as a viewer.
      if (error instanceof ApiError && error.status === 401 && token && !retried) return this.load(true);
      if (error instanceof ApiError && error.status === 404) this.notFound.value = true;
      if (isTransient(error) && !this.confirmed.value) return this.retryLoad(error);
      // A reload after a resync that fails for a passing reason keeps what we have: the next registration catches up.
      if (!isTransient(error)) this.error.value = describeError(error);
    }
  }

  /** The first snapshot could not be had because the server is away: say so calmly and try again. */
  private retryLoad(error: unknown): void {
    if (this.stopped) return;
    this.loadAttempts += 1;
    this.error.value = null;
    this.live.value = 'reconnecting';
    this.loadTimer = setTimeout(() => {
      this.loadTimer = null;
      void this.start();
    }, retryDelay(this.loadAttempts, error, this.options.random));
  }

  private follow(): void {
    const jamId = this.confirmed.value!.jam.id;
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
      // …and writes that waited for the server go out now rather than at their next retry.
      onRegistered: () => {
        void this.catchUp();
        this.outbox.retryNow();
      },
    });
  }

  private readToken(): string | null {
    return this.options.token() ?? this.confirmed.value?.viewerToken ?? null;
  }

  /** Takes one event from the live stream, in any order. */
  receive(event: JamEvent): void {
    if (!event || typeof event.seq !== 'number') return;
    const state = this.confirmed.value;
    if (state && event.seq <= state.seq) return;
    this.early.set(event.seq, event);
    this.drain();
  }

  private drain(): void {
    let state = this.confirmed.value;
    if (!state) return;
    let next = this.early.get(state.seq + 1);
    for (const seq of [...this.early.keys()]) if (seq <= state.seq) this.early.delete(seq);
    while (next) {
      this.early.delete(next.seq);
      state = { ...reduce(state, next), seq: next.seq };
      next = this.early.get(state.seq + 1);
    }
    this.confirmed.value = state;
    if (this.early.size > 0) this.scheduleCatchUp();
    else if (this.gapTimer) {
      clearTimeout(this.gapTimer);
      this.gapTimer = null;
    }
  }

  private scheduleCatchUp(): void {
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.early.size > 0) void this.catchUp();
    }, this.gapWaitMs);
  }

  /** Fetches what came after our seq; reloads the snapshot when the server no longer has it. */
  catchUp(): Promise<void> {
    if (this.catchingUp) return this.catchingUp;
    const state = this.confirmed.value;
    if (!state) return Promise.resolve();
    this.catchingUp = (async () => {
      try {
        const answer = await this.api.events(this.readToken(), state.jam.id, this.seq);
        for (const event of answer.events) if (event.seq > this.seq) this.early.set(event.seq, event);
        this.catchUpAttempts = 0;
        this.drain();
      } catch (error) {
        if (error instanceof ApiError && error.status === 410) await this.load();
        else if (isTransient(error)) this.retryCatchUp(error);
      } finally {
        this.catchingUp = null;
      }
    })();
    return this.catchingUp;
  }

  /**
   * A catch-up refused for a passing reason (a server restarting, thousands of phones asking at once) is
   * asked again with backoff: in a quiet jam no next event would notice that this phone is behind.
   */
  private retryCatchUp(error: unknown): void {
    if (this.stopped || this.catchUpTimer) return;
    this.catchUpAttempts += 1;
    this.catchUpTimer = setTimeout(() => {
      this.catchUpTimer = null;
      void this.catchUp();
    }, retryDelay(this.catchUpAttempts, error, this.options.random));
  }

  /** Feature flags are global and carry no seq: the latest message wins. */
  applyFlags(body: unknown): void {
    const flags = (body as { type?: string; data?: { flags?: Flags } } | null)?.data?.flags;
    if (flags && typeof flags === 'object') this.update((s) => ({ ...s, flags }));
  }

  /** A change we know from our own API answer, before (or instead of) its event. */
  update(change: (state: JamState) => JamState): void {
    if (this.confirmed.value) this.confirmed.value = change(this.confirmed.value);
  }

  /** Applies a change as the event the server sends for it, through the same reducer. */
  apply(e: Pick<JamEvent, 'type' | 'data'>): void {
    this.update((s) => reduce(s, { seq: 0, jamId: s.jam.id, at: '', ...e } as JamEvent));
  }

  upsertItem(item: QueueItem): void {
    this.apply({ type: 'queue.updated', data: { item } });
  }

  applyJam(jam: Partial<Jam>): void {
    this.apply({ type: 'jam.updated', data: { jam: jam as Jam } });
  }

  updateMe(change: (me: Me) => Me): void {
    this.update((s) => (s.me ? { ...s, me: change(s.me) } : s));
  }

  isDraft(item: QueueItem): boolean {
    return typeof item.id === 'string' && item.id.startsWith(DRAFT_PREFIX);
  }

  /**
   * Votes for the item (idempotent on the server, so retried while the server is away).
   * Resolves once the server has it; rejects with the server's error when it refuses.
   */
  vote(itemId: Id): Promise<unknown> {
    return this.castVote(itemId, true);
  }

  unvote(itemId: Id): Promise<unknown> {
    return this.castVote(itemId, false);
  }

  /** Plays `instrument` on the item (idempotent, retried like a vote). */
  signUp(itemId: Id, instrument: string): Promise<unknown> {
    return this.play(itemId, instrument, true);
  }

  withdraw(itemId: Id, instrument: string): Promise<unknown> {
    return this.play(itemId, instrument, false);
  }

  /**
   * Suggests a song; it shows in the queue at once as a draft. Retried while the server is away:
   * `409 already_queued` for a retry means an earlier attempt arrived. Resolves with the new item
   * (null when only the retry's 409 told us); `onPending` is called if it has to wait.
   */
  suggest(body: SuggestBody, shown: { title: string; artist: string }, onPending?: () => void): Promise<QueueItem | null> {
    const draftId = `${DRAFT_PREFIX}${++drafts}`;
    const me = this.confirmed.value?.me?.attendee;
    const intent: Intent = {
      kind: 'suggest',
      draftId,
      body,
      ...shown,
      who: me ? { id: me.id, name: me.name } : null,
      at: new Date().toISOString(),
    };
    const spec: WriteSpec<Intent, QueueItem | null> = {
      send: (_, retried) =>
        this.writeApi.suggest(this.writeToken(), this.jamId(), body).catch((error: unknown) => {
          if (retried && error instanceof ApiError && error.status === 409 && error.code === 'already_queued') return null;
          throw error;
        }),
      landed: (_, item) => {
        if (item) this.upsertItem(item);
        else void this.catchUp();
        this.updateMe((m) => ({ ...m, suggestionsLeft: m.suggestionsLeft === null ? null : Math.max(0, m.suggestionsLeft - 1) }));
      },
    };
    return this.outbox.submit(draftId, intent, spec, onPending).then((item) => item ?? null);
  }

  private castVote(itemId: Id, on: boolean): Promise<unknown> {
    const spec: WriteSpec<Intent, { voted: boolean; votes: number }> = {
      send: (intent) => this.writeApi.vote(this.writeToken(), this.jamId(), itemId, (intent as { on: boolean }).on),
      needed: (intent) => this.changes(intent),
      landed: (_, answer) => {
        this.apply({ type: 'vote.changed', data: { itemId, votes: answer.votes } });
        this.updateMe((me) => ({
          ...me,
          votedItemIds: answer.voted ? [...new Set([...me.votedItemIds, itemId])] : me.votedItemIds.filter((id) => id !== itemId),
        }));
      },
    };
    return this.outbox.submit(`vote:${itemId}`, { kind: 'vote', itemId, on }, spec);
  }

  private play(itemId: Id, instrument: string, on: boolean): Promise<unknown> {
    const me = this.confirmed.value?.me?.attendee;
    if (!me) return Promise.reject(new ApiError(401, 'not_joined', t('error.notJoinedPlay')));
    const who = { id: me.id, name: me.name };
    const spec: WriteSpec<Intent, { performers: Performer[] }> = {
      send: (intent) => {
        const join = (intent as { on: boolean }).on;
        const call = join ? this.writeApi.signUp : this.writeApi.withdraw;
        return call(this.writeToken(), this.jamId(), itemId, instrument);
      },
      needed: (intent) => this.changes(intent),
      landed: (_, { performers }) => {
        const mine = (list: Performer[]) => list.filter((p) => p.attendeeId === who.id).length;
        const before = mine(this.confirmed.value?.items.find((it) => it.id === itemId)?.performers ?? []);
        this.apply({ type: 'performers.changed', data: { itemId, performers } });
        const joined = mine(performers) - before;
        this.updateMe((m) => ({ ...m, performancesLeft: m.performancesLeft === null ? null : Math.max(0, m.performancesLeft - joined) }));
      },
    };
    return this.outbox.submit(`play:${itemId}:${instrument}`, { kind: 'play', itemId, instrument, on, who }, spec);
  }

  /** Would the intent change what the server told us? */
  private changes(intent: Intent): boolean {
    const base = this.confirmed.value;
    return !base || applyIntent(base, intent) !== base;
  }

  private jamId(): Id {
    const state = this.confirmed.value;
    if (!state) throw new ApiError(404, 'not_loaded', t('error.notLoaded'));
    return state.jam.id;
  }

  private writeToken(): string {
    const token = this.options.token();
    if (!token) throw new ApiError(401, 'not_joined', t('error.notJoined'));
    return token;
  }
}
