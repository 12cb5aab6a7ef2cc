// An in-memory stand-in for the JaManager server, following docs/api.md: the JSON API,
// the SockJS event-bus bridge (register only) and the SPA from target/classes/webroot.
// For frontend work and e2e runs while the real server is not at hand:
//   node e2e/mock-backend.mjs            (PORT, default 8080; JAM_MANAGER_ACCESS_CODE)
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import sockjs from 'sockjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.ico': 'image/x-icon' };

export function startMockBackend({ port = 0, accessCode = 'e2e-access-code-123', webroot = join(here, '../target/classes/webroot') } = {}) {
  const tokens = new Map(); // token -> {role, jam?, sub?}
  const jams = new Map(); // id -> jam state
  const songs = new Map();
  const posters = new Map(); // sha256 -> {type, bytes}
  let flags = { voting: true, suggestions: true, performer_signup: true, chord_sheets: true, uploads: true, public_jam_list: true };
  const sockets = new Map(); // conn -> Set(address)

  const token = (claims) => {
    const t = randomBytes(18).toString('base64url');
    tokens.set(t, claims);
    return t;
  };
  const claimsOf = (req) => {
    const h = req.headers.authorization ?? '';
    return h.startsWith('Bearer ') ? tokens.get(h.slice(7)) ?? 'invalid' : null;
  };
  const code = () => randomBytes(4).toString('hex').slice(0, 6).toUpperCase();
  const slugify = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'jam';

  class Fail extends Error {
    constructor(status, error, message, field) {
      super(message);
      Object.assign(this, { status, error, field });
    }
  }

  const jamJson = (j) => ({ ...j.jam, joinUrl: `${j.origin}/j/${j.jam.joinCode}` });
  const findJam = (key) => {
    for (const j of jams.values()) if (j.jam.id === key || j.jam.slug === key || j.jam.joinCode === key) return j;
    throw new Fail(404, 'not_found', 'No such jam');
  };
  const publish = (j, type, data) => {
    const event = { seq: ++j.seq, type, jamId: j.jam.id, at: new Date().toISOString(), data };
    j.events.push(event);
    send(`jam.${j.jam.id}`, event);
  };
  const send = (address, body) => {
    for (const [conn, addresses] of sockets) if (addresses.has(address)) conn.write(JSON.stringify({ type: 'rec', address, body }));
  };
  const requireHost = (c) => {
    if (c === 'invalid') throw new Fail(401, 'invalid_token', 'Your session has expired');
    if (!c || c.role !== 'host') throw new Fail(403, 'forbidden', 'Only the host can do that');
  };
  const requireAttendee = (c, j) => {
    if (c === 'invalid') throw new Fail(401, 'invalid_token', 'Your session has expired');
    if (!c || c.role !== 'attendee' || c.jam !== j.jam.id || !j.attendees.has(c.sub)) throw new Fail(403, 'forbidden', 'Join the jam first');
    return j.attendees.get(c.sub);
  };
  const canRead = (c, j) => c && c !== 'invalid' && (c.role === 'host' || c.jam === j.jam.id);
  const snapshot = (j, c) => ({
    jam: jamJson(j),
    queue: j.queue,
    attendeeCount: j.attendees.size,
    flags,
    seq: j.seq,
    viewerToken: j.viewerToken,
    ...(c && c !== 'invalid' && c.role === 'attendee' && c.jam === j.jam.id && j.attendees.has(c.sub) ? { me: me(j, c.sub) } : {}),
  });
  const me = (j, id) => {
    const attendee = j.attendees.get(id);
    const suggested = j.queue.filter((q) => q.suggestedBy?.id === id).length;
    const playing = j.queue.filter((q) => q.performers.some((p) => p.attendeeId === id)).length;
    return {
      attendee,
      votedItemIds: [...j.votes].filter((v) => v.startsWith(id + ':')).map((v) => v.slice(id.length + 1)),
      suggestionsLeft: j.jam.maxSuggestionsPerAttendee == null ? null : Math.max(0, j.jam.maxSuggestionsPerAttendee - suggested),
      performancesLeft: j.jam.maxPerformancesPerAttendee == null ? null : Math.max(0, j.jam.maxPerformancesPerAttendee - playing),
    };
  };
  const item = (j, id) => {
    const it = j.queue.find((q) => q.id === id);
    if (!it) throw new Fail(404, 'not_found', 'No such song in the queue');
    return it;
  };
  const setPlaying = (j, next, previousStatus) => {
    const changed = [];
    for (const q of j.queue) if (q.status === 'playing') (q.status = previousStatus), changed.push(q);
    if (next) (next.status = 'playing'), changed.push(next);
    publish(j, 'nowplaying.changed', { items: changed });
    return next;
  };
  const order = (a, b) => (a.pinned !== b.pinned ? (a.pinned ? -1 : 1) : (a.pinned && a.position - b.position) || b.votes - a.votes || (a.createdAt < b.createdAt ? -1 : 1));

  const routes = [
    ['POST', /^\/api\/v1\/auth\/login$/, (req, b) => {
      if (b.accessCode !== accessCode) throw new Fail(401, 'invalid_access_code', 'That access code is not right');
      return [200, { token: token({ role: 'host' }), expiresAt: new Date(Date.now() + 8 * 3600e3).toISOString(), role: 'host' }];
    }],
    ['GET', /^\/api\/v1\/jams$/, () => [200, [...jams.values()].filter((j) => j.jam.status !== 'ended').map(jamJson)]],
    ['POST', /^\/api\/v1\/jams$/, (req, b, c) => {
      requireHost(c);
      if (!b.name?.trim()) throw new Fail(400, 'invalid', 'Give the jam a name', 'name');
      const id = randomUUID();
      let slug = slugify(b.name);
      while ([...jams.values()].some((j) => j.jam.slug === slug)) slug += '-2';
      const j = {
        origin: req.headers.origin ?? `http://${req.headers.host}`,
        jam: { id, slug, joinCode: code(), name: b.name.trim(), venue: null, startsAt: b.startsAt, description: b.description ?? null, posterUrl: null, status: 'scheduled', maxSuggestionsPerAttendee: b.maxSuggestionsPerAttendee ?? 3, maxPerformancesPerAttendee: b.maxPerformancesPerAttendee ?? 3, votingOpen: true, suggestionsOpen: true, playKey: null, capo: 0 },
        queue: [], attendees: new Map(), votes: new Set(), seq: 0, events: [], viewerToken: '', nextPosition: 0, chords: new Map(),
      };
      j.viewerToken = token({ role: 'viewer', jam: id });
      jams.set(id, j);
      return [201, jamJson(j)];
    }],
    ['GET', /^\/api\/v1\/jams\/([^/]+)$/, (req, b, c, [key]) => [200, snapshot(findJam(key), c)]],
    ['PATCH', /^\/api\/v1\/jams\/([^/]+)$/, (req, b, c, [key]) => {
      requireHost(c);
      const j = findJam(key);
      for (const k of ['name', 'startsAt', 'description', 'maxSuggestionsPerAttendee', 'maxPerformancesPerAttendee', 'votingOpen', 'suggestionsOpen', 'playKey', 'capo']) if (k in b) j.jam[k] = b[k];
      publish(j, 'jam.updated', { jam: jamJson(j) });
      return [200, jamJson(j)];
    }],
    ['POST', /^\/api\/v1\/jams\/([^/]+)\/(start|end)$/, (req, b, c, [key, what]) => {
      requireHost(c);
      const j = findJam(key);
      j.jam.status = what === 'start' ? 'live' : 'ended';
      publish(j, 'jam.updated', { jam: jamJson(j) });
      return [200, jamJson(j)];
    }],
    ['POST', /^\/api\/v1\/jams\/([^/]+)\/stage-link$/, (req, b, c, [key]) => {
      requireHost(c);
      const j = findJam(key);
      const t = token({ role: 'stage', jam: j.jam.id });
      return [200, { url: `${j.origin}/jams/${j.jam.slug}/stage#token=${t}`, token: t }];
    }],
    ['GET', /^\/api\/v1\/jams\/([^/]+)\/events$/, (req, b, c, [key], url) => {
      const j = findJam(key);
      if (!canRead(c, j)) throw new Fail(403, 'forbidden', 'No access to this jam');
      const after = Number(url.searchParams.get('after') ?? 0);
      return [200, { events: j.events.filter((e) => e.seq > after), seq: j.seq }];
    }],
    ['GET', /^\/api\/v1\/jams\/([^/]+)\/qr\.(svg|png)$/, (req, b, c, [key]) => {
      findJam(key);
      const cells = Array.from({ length: 21 * 21 }, (_, i) => ((i * 7919) % 3 === 0 ? `<rect x="${i % 21}" y="${Math.floor(i / 21)}" width="1" height="1"/>` : '')).join('');
      return [200, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 -2 25 25"><rect x="-2" y="-2" width="25" height="25" fill="#fff"/>${cells}</svg>`, 'image/svg+xml'];
    }],
    ['PUT', /^\/api\/v1\/jams\/([^/]+)\/poster$/, (req, b, c, [key], url, raw) => {
      requireHost(c);
      const j = findJam(key);
      const file = filePart(req.headers['content-type'] ?? '', raw);
      if (!file) throw new Fail(400, 'invalid', 'Send the image as the multipart field "file"', 'file');
      const sha = createHash('sha256').update(file.bytes).digest('hex');
      posters.set(sha, file);
      j.jam.posterUrl = `/api/v1/posters/${sha}`;
      publish(j, 'jam.updated', { posterUrl: j.jam.posterUrl });
      return [200, { posterUrl: j.jam.posterUrl }];
    }],
    ['GET', /^\/api\/v1\/posters\/([0-9a-f]+)$/, (req, b, c, [sha]) => {
      const poster = posters.get(sha);
      if (!poster) throw new Fail(404, 'not_found', 'No such poster');
      return [200, poster.bytes, poster.type];
    }],
    ['GET', /^\/api\/v1\/jams\/([^/]+)\/setlist$/, (req, b, c, [key]) => {
      requireHost(c);
      return [200, findJam(key).queue.filter((q) => q.status === 'played')];
    }],
    ['POST', /^\/api\/v1\/jams\/([^/]+)\/attendees$/, (req, b, c, [key]) => {
      const j = findJam(key);
      const name = (b.name ?? '').trim();
      if (!name) throw new Fail(400, 'invalid', 'Tell us your name', 'name');
      if ([...j.attendees.values()].some((a) => a.name.toLowerCase() === name.toLowerCase())) throw new Fail(409, 'name_taken', `Someone here is already called ${name}: add an initial`, 'name');
      const attendee = { id: randomUUID(), name, instruments: b.instruments ?? [] };
      j.attendees.set(attendee.id, attendee);
      publish(j, 'attendees.count', { count: j.attendees.size });
      send(`jam.${j.jam.id}.host`, { type: 'attendee.joined', data: { attendee } });
      return [201, { attendee, token: token({ role: 'attendee', jam: j.jam.id, sub: attendee.id }) }];
    }],
    ['GET', /^\/api\/v1\/jams\/([^/]+)\/attendees$/, (req, b, c, [key]) => {
      requireHost(c);
      return [200, [...findJam(key).attendees.values()]];
    }],
    ['DELETE', /^\/api\/v1\/jams\/([^/]+)\/attendees\/([^/]+)$/, (req, b, c, [key, id]) => {
      requireHost(c);
      const j = findJam(key);
      j.attendees.delete(id);
      publish(j, 'attendees.count', { count: j.attendees.size });
      return [204];
    }],
    ['POST', /^\/api\/v1\/jams\/([^/]+)\/queue$/, (req, b, c, [key]) => {
      const j = findJam(key);
      const who = c && c !== 'invalid' && c.role === 'host' ? null : requireAttendee(c, j);
      if (!flags.suggestions || !j.jam.suggestionsOpen) throw new Fail(403, 'suggestions_closed', 'Suggestions are closed right now');
      if (who && me(j, who.id).suggestionsLeft === 0) throw new Fail(409, 'suggestion_limit', `You have used your ${j.jam.maxSuggestionsPerAttendee} suggestions`);
      const song = b.songId ? songs.get(b.songId) : null;
      const title = song?.title ?? (b.title ?? '').trim();
      if (!title) throw new Fail(400, 'invalid', 'A song needs a title', 'title');
      const it = {
        id: randomUUID(), songId: song?.id ?? null, title, artist: song?.artist ?? (b.artist ?? '').trim(), key: song?.key ?? null, link: song?.link ?? b.link ?? null,
        hasChords: Boolean(song?.chordText ?? b.chordText), suggestedBy: who ? { id: who.id, name: who.name } : null, status: 'queued', pinned: false,
        position: j.nextPosition++, votes: 0, performers: [], openSlots: [], createdAt: new Date().toISOString(),
      };
      j.chords.set(it.id, song?.chordText ?? b.chordText ?? null);
      j.queue.push(it);
      publish(j, 'queue.added', { item: it });
      return [201, it];
    }],
    ['PATCH', /^\/api\/v1\/jams\/([^/]+)\/queue\/([^/]+)$/, (req, b, c, [key, id]) => {
      requireHost(c);
      const j = findJam(key);
      const it = item(j, id);
      if ('openSlots' in b) it.openSlots = b.openSlots;
      if ('pinned' in b) it.pinned = b.pinned;
      if ('position' in b) it.position = b.position;
      publish(j, 'queue.updated', { item: it });
      return [200, it];
    }],
    ['PUT', /^\/api\/v1\/jams\/([^/]+)\/queue\/order$/, (req, b, c, [key]) => {
      requireHost(c);
      const j = findJam(key);
      const items = (b.items ?? []).map((m) => {
        const it = item(j, m.id);
        it.pinned = true;
        it.position = m.position;
        return { id: it.id, pinned: true, position: it.position };
      });
      publish(j, 'queue.reordered', { items });
      return [200, { items }];
    }],
    ['DELETE', /^\/api\/v1\/jams\/([^/]+)\/queue\/([^/]+)$/, (req, b, c, [key, id]) => {
      requireHost(c);
      const j = findJam(key);
      item(j, id);
      j.queue = j.queue.filter((q) => q.id !== id);
      publish(j, 'queue.removed', { itemId: id });
      return [204];
    }],
    ['POST|DELETE', /^\/api\/v1\/jams\/([^/]+)\/queue\/([^/]+)\/vote$/, (req, b, c, [key, id]) => {
      const j = findJam(key);
      const who = requireAttendee(c, j);
      if (!flags.voting || !j.jam.votingOpen) throw new Fail(403, 'voting_closed', 'Voting is locked for this jam');
      const it = item(j, id);
      const k = `${who.id}:${id}`;
      const had = j.votes.has(k);
      if (req.method === 'POST') j.votes.add(k);
      else j.votes.delete(k);
      if (had !== j.votes.has(k)) {
        it.votes += req.method === 'POST' ? 1 : -1;
        publish(j, 'vote.changed', { itemId: id, votes: it.votes });
      }
      return [200, { voted: j.votes.has(k), votes: it.votes }];
    }],
    ['POST', /^\/api\/v1\/jams\/([^/]+)\/queue\/([^/]+)\/performers$/, (req, b, c, [key, id]) => {
      const j = findJam(key);
      const who = requireAttendee(c, j);
      if (me(j, who.id).performancesLeft === 0) throw new Fail(409, 'performance_limit', 'You are already down to play as many songs as this jam allows');
      const it = item(j, id);
      if (it.performers.some((p) => p.instrument === b.instrument && p.attendeeId !== who.id) && b.instrument !== 'vocals') throw new Fail(409, 'slot_taken', `Someone already plays ${b.instrument} on this song`);
      it.performers = [...it.performers.filter((p) => p.attendeeId !== who.id), { attendeeId: who.id, name: who.name, instrument: b.instrument }];
      publish(j, 'performers.changed', { itemId: id, performers: it.performers });
      return [201, { performers: it.performers }];
    }],
    ['DELETE', /^\/api\/v1\/jams\/([^/]+)\/queue\/([^/]+)\/performers\/([^/]+)$/, (req, b, c, [key, id, instrument]) => {
      const j = findJam(key);
      const who = requireAttendee(c, j);
      const it = item(j, id);
      it.performers = it.performers.filter((p) => !(p.attendeeId === who.id && p.instrument === decodeURIComponent(instrument)));
      publish(j, 'performers.changed', { itemId: id, performers: it.performers });
      return [200, { performers: it.performers }];
    }],
    ['GET', /^\/api\/v1\/jams\/([^/]+)\/queue\/([^/]+)\/sheet$/, (req, b, c, [key, id]) => {
      const j = findJam(key);
      if (!canRead(c, j)) throw new Fail(403, 'forbidden', 'No access to this jam');
      const it = item(j, id);
      return [200, { title: it.title, artist: it.artist, key: it.key, link: it.link, chordText: j.chords.get(id) ?? null, searchUrl: `https://www.ultimate-guitar.com/search.php?search_type=title&value=${encodeURIComponent(`${it.artist} ${it.title}`)}` }];
    }],
    ['POST', /^\/api\/v1\/jams\/([^/]+)\/now-playing$/, (req, b, c, [key]) => {
      requireHost(c);
      const j = findJam(key);
      return [200, setPlaying(j, item(j, b.itemId), 'played')];
    }],
    ['POST', /^\/api\/v1\/jams\/([^/]+)\/(next|skip)$/, (req, b, c, [key, what]) => {
      requireHost(c);
      const j = findJam(key);
      const top = j.queue.filter((q) => q.status === 'queued').sort(order)[0] ?? null;
      return [200, setPlaying(j, top, what === 'next' ? 'played' : 'skipped')];
    }],
    ['GET', /^\/api\/v1\/songs$/, (req, b, c, m, url) => {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      return [200, [...songs.values()].filter((s) => !q || `${s.title} ${s.artist}`.toLowerCase().includes(q)).map(({ chordText, ...s }) => ({ ...s, hasChords: Boolean(chordText) }))];
    }],
    ['GET', /^\/api\/v1\/songs\/([^/]+)$/, (req, b, c, [id]) => {
      if (!songs.has(id)) throw new Fail(404, 'not_found', 'No such song');
      return [200, songs.get(id)];
    }],
    ['POST', /^\/api\/v1\/songs$/, (req, b, c) => {
      requireHost(c);
      const s = { id: randomUUID(), title: b.title, artist: b.artist, key: b.key ?? null, link: b.link ?? null, chordText: b.chordText ?? null };
      songs.set(s.id, s);
      return [201, s];
    }],
    ['PATCH', /^\/api\/v1\/songs\/([^/]+)$/, (req, b, c, [id]) => {
      requireHost(c);
      Object.assign(songs.get(id), b);
      return [200, songs.get(id)];
    }],
    ['DELETE', /^\/api\/v1\/songs\/([^/]+)$/, (req, b, c, [id]) => {
      requireHost(c);
      songs.delete(id);
      return [204];
    }],
    ['GET', /^\/api\/v1\/venues$/, () => [200, []]],
    ['GET', /^\/api\/v1\/flags$/, () => [200, flags]],
    ['PUT', /^\/api\/v1\/flags\/([^/]+)$/, (req, b, c, [name]) => {
      requireHost(c);
      flags = { ...flags, [name]: Boolean(b.enabled) };
      send('flags', { type: 'flags.changed', data: { flags } });
      return [200, flags];
    }],
  ];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = url.pathname;
    if (path.startsWith('/health')) return reply(res, 200, { status: 'UP' });
    if (path.startsWith('/eventbus')) return; // SockJS
    if (path.startsWith('/api/')) {
      let body = {};
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      try {
        if (chunks.length && (req.headers['content-type'] ?? '').includes('json')) body = JSON.parse(Buffer.concat(chunks).toString());
        for (const [method, pattern, handler] of routes) {
          const m = pattern.exec(path);
          if (m && method.split('|').includes(req.method)) {
            const [status, json, type] = handler(req, body, claimsOf(req), m.slice(1), url, Buffer.concat(chunks));
            return reply(res, status, json, type);
          }
        }
        throw new Fail(404, 'not_found', `No API at ${path}`);
      } catch (e) {
        const status = e.status ?? 500;
        return reply(res, status, { status, error: e.error ?? 'internal', message: e.status ? e.message : 'Unexpected failure', ...(e.field ? { field: e.field } : {}) });
      }
    }
    const file = normalize(join(webroot, path));
    const target = file.startsWith(webroot) && existsSync(file) && statSync(file).isFile() ? file : join(webroot, 'index.html');
    res.writeHead(200, { 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream', 'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'" });
    res.end(readFileSync(target));
  });

  const bridge = sockjs.createServer({ prefix: '/eventbus', log: () => {} });
  bridge.on('connection', (conn) => {
    sockets.set(conn, new Set());
    conn.on('data', (raw) => {
      const msg = JSON.parse(raw);
      if (msg.type === 'register') {
        const t = (msg.headers?.Authorization ?? '').replace('Bearer ', '');
        const claims = tokens.get(t);
        const jamId = msg.address.replace(/^jam\./, '').replace(/\.host$/, '');
        const ok = msg.address === 'flags' || (claims && (claims.role === 'host' || (claims.jam === jamId && !msg.address.endsWith('.host'))));
        if (ok) sockets.get(conn).add(msg.address);
        else conn.write(JSON.stringify({ type: 'err', body: 'rejected' }));
      }
    });
    conn.on('close', () => sockets.delete(conn));
  });
  bridge.installHandlers(server);

  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ port: server.address().port, close: () => new Promise((r) => (server.closeAllConnections?.(), server.close(r))) })));
}

function filePart(contentType, raw) {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return null;
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let start = raw.indexOf(marker);
  while (start >= 0) {
    const next = raw.indexOf(marker, start + marker.length);
    if (next < 0) break;
    const part = raw.subarray(start + marker.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString();
    if (/name="file"/.test(head)) {
      return { type: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? 'application/octet-stream', bytes: Buffer.from(part.subarray(split + 4)) };
    }
    start = next;
  }
  return null;
}

function reply(res, status, json, type) {
  if (status === 204) return res.writeHead(204).end();
  res.writeHead(status, { 'Content-Type': type ?? 'application/json' });
  res.end(type ? json : JSON.stringify(json));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { port } = await startMockBackend({ port: Number(process.env.PORT ?? 8080), accessCode: process.env.JAM_MANAGER_ACCESS_CODE ?? 'e2e-access-code-123' });
  console.log(`mock backend on http://127.0.0.1:${port}`);
}
