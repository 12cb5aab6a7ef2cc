-- The whole domain of a jam night. Rules that must hold under concurrency live here as constraints.

create table venue (
  id         bigint generated always as identity primary key,
  name       text not null unique check (length(name) between 1 and 120),
  address    text not null default '' check (length(address) <= 300),
  created_at timestamptz not null default now()
);

create table poster (
  sha256       text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp', 'image/gif')),
  bytes        bytea not null,
  created_at   timestamptz not null default now()
);

create table jam (
  id                bigint generated always as identity primary key,
  slug              text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 160),
  join_code         text not null unique check (join_code ~ '^[A-Z2-9]{6}$'),
  name              text not null check (length(name) between 1 and 120),
  venue_id          bigint references venue (id) on delete set null,
  starts_at         timestamptz not null,
  description       text not null default '' check (length(description) <= 2000),
  poster_sha256     text references poster (sha256),
  status            text not null default 'scheduled' check (status in ('scheduled', 'live', 'ended')),
  max_suggestions   int not null default 3 check (max_suggestions between 0 and 100),
  max_performances  int not null default 3 check (max_performances between 0 and 100),
  voting_open       boolean not null default true,
  suggestions_open  boolean not null default true,
  play_key          text check (length(play_key) <= 8),
  capo              int not null default 0 check (capo between 0 and 11),
  -- Last event sequence number: bumped in the same transaction as every change, so it is gap-free.
  seq               bigint not null default 0,
  created_at        timestamptz not null default now()
);
create index jam_starts_at on jam (starts_at);

create table attendee (
  id          bigint generated always as identity primary key,
  jam_id      bigint not null references jam (id) on delete cascade,
  name        text not null check (length(name) between 1 and 40),
  -- Case- and space-insensitive identity of the name, so "Ana" and " ana" are the same person.
  name_key    text not null,
  instruments text[] not null default '{}',
  banned      boolean not null default false,
  created_at  timestamptz not null default now(),
  unique (jam_id, name_key)
);

create table song (
  id          bigint generated always as identity primary key,
  title       text not null check (length(title) between 1 and 200),
  artist      text not null default '' check (length(artist) <= 200),
  key         text check (length(key) <= 8),
  link        text check (link ~ '^https://' and length(link) <= 500),
  chord_text  text check (length(chord_text) <= 50000),
  tags        text[] not null default '{}',
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create index song_search on song (lower(title || ' ' || artist));

create table queue_item (
  id            bigint generated always as identity primary key,
  jam_id        bigint not null references jam (id) on delete cascade,
  song_id       bigint references song (id) on delete set null,
  title         text not null check (length(title) between 1 and 200),
  artist        text not null default '' check (length(artist) <= 200),
  key           text check (length(key) <= 8),
  link          text check (link ~ '^https://' and length(link) <= 500),
  chord_text    text check (length(chord_text) <= 50000),
  suggested_by  bigint references attendee (id) on delete set null,
  status        text not null default 'queued' check (status in ('pending', 'queued', 'playing', 'played', 'skipped')),
  pinned        boolean not null default false,
  position      int not null default 0,
  votes         int not null default 0 check (votes >= 0),
  open_slots    text[] not null default '{}',
  created_at    timestamptz not null default now(),
  played_at     timestamptz
);
create index queue_item_jam on queue_item (jam_id, status);
-- At most one song is playing in a jam.
create unique index queue_item_one_playing on queue_item (jam_id) where status = 'playing';

create table vote (
  item_id     bigint not null references queue_item (id) on delete cascade,
  attendee_id bigint not null references attendee (id) on delete cascade,
  created_at  timestamptz not null default now(),
  primary key (item_id, attendee_id)
);

create table performer (
  item_id     bigint not null references queue_item (id) on delete cascade,
  attendee_id bigint not null references attendee (id) on delete cascade,
  instrument  text not null check (length(instrument) between 1 and 30),
  created_at  timestamptz not null default now(),
  primary key (item_id, attendee_id, instrument)
);
create index performer_attendee on performer (attendee_id);

create table jam_event (
  jam_id  bigint not null references jam (id) on delete cascade,
  seq     bigint not null,
  type    text not null,
  data    jsonb not null,
  at      timestamptz not null default now(),
  primary key (jam_id, seq)
);

create table feature_flag (
  name     text primary key,
  enabled  boolean not null
);
insert into feature_flag (name, enabled) values
  ('voting', true), ('suggestions', true), ('performer_signup', true),
  ('chord_sheets', true), ('uploads', true), ('public_jam_list', true);

-- The JSON shapes clients see, defined once: snapshots and events both read them.
create view jam_json as
select j.id, j.slug, j.join_code, j.seq, j.status, j.starts_at,
  json_build_object(
    'id', j.id, 'slug', j.slug, 'joinCode', j.join_code, 'name', j.name,
    'venue', case when v.id is null then null else json_build_object('id', v.id, 'name', v.name, 'address', v.address) end,
    'startsAt', j.starts_at, 'description', j.description,
    'posterUrl', case when j.poster_sha256 is null then null else '/api/v1/posters/' || j.poster_sha256 end,
    'status', j.status,
    'maxSuggestionsPerAttendee', j.max_suggestions, 'maxPerformancesPerAttendee', j.max_performances,
    'votingOpen', j.voting_open, 'suggestionsOpen', j.suggestions_open,
    'playKey', j.play_key, 'capo', j.capo) as jam
from jam j left join venue v on v.id = j.venue_id;

create view queue_item_json as
select q.id, q.jam_id, q.status, q.pinned, q.position, q.votes, q.created_at, q.played_at,
  json_build_object(
    'id', q.id, 'songId', q.song_id, 'title', q.title, 'artist', q.artist,
    'key', coalesce(q.key, s.key), 'link', coalesce(q.link, s.link),
    'hasChords', coalesce(q.chord_text, s.chord_text, '') <> '',
    'suggestedBy', case when a.id is null then null else json_build_object('id', a.id, 'name', a.name) end,
    'status', q.status, 'pinned', q.pinned, 'position', q.position, 'votes', q.votes,
    'performers', coalesce((
      select json_agg(json_build_object('attendeeId', p.attendee_id, 'name', pa.name, 'instrument', p.instrument)
                      order by p.created_at, p.attendee_id, p.instrument)
      from performer p join attendee pa on pa.id = p.attendee_id
      where p.item_id = q.id), '[]'::json),
    'openSlots', to_json(q.open_slots),
    'createdAt', q.created_at) as item
from queue_item q
left join attendee a on a.id = q.suggested_by
left join song s on s.id = q.song_id;
