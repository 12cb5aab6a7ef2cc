-- Line-ups: who holds a slot on a song and who waits on the bench, decided fairly.

-- 'in' holds one of the song's slots for that instrument (or the instrument has no slots and anyone
-- may play it); 'bench' volunteered when the slots were full. Rows from before are all 'in'.
alter table performer add column state text not null default 'in' check (state in ('in', 'bench'));
-- When set, line-ups put people who have played fewer songs tonight first; otherwise first come, first served.
alter table jam add column prefer_new_players boolean not null default true;
alter table queue_item add column lineup_confirmed boolean not null default false;

create or replace view jam_json as
select j.id, j.slug, j.join_code, j.seq, j.status, j.starts_at,
  json_build_object(
    'id', j.id, 'slug', j.slug, 'joinCode', j.join_code, 'name', j.name,
    'venue', case when v.id is null then null else json_build_object('id', v.id, 'name', v.name, 'address', v.address) end,
    'startsAt', j.starts_at, 'description', j.description,
    'posterUrl', case when j.poster_sha256 is null then null else '/api/v1/posters/' || j.poster_sha256 end,
    'status', j.status,
    'maxSuggestionsPerAttendee', j.max_suggestions, 'maxPerformancesPerAttendee', j.max_performances,
    'votingOpen', j.voting_open, 'suggestionsOpen', j.suggestions_open,
    'requireApproval', j.require_approval, 'preferNewPlayers', j.prefer_new_players,
    'playKey', j.play_key, 'capo', j.capo) as jam
from jam j left join venue v on v.id = j.venue_id;

create or replace view queue_item_json as
select q.id, q.jam_id, q.status, q.pinned, q.position, q.votes, q.created_at, q.played_at,
  json_build_object(
    'id', q.id, 'songId', q.song_id, 'title', q.title, 'artist', q.artist,
    'key', coalesce(q.key, s.key), 'link', coalesce(q.link, s.link),
    'hasChords', coalesce(q.chord_text, s.chord_text, '') <> '',
    'suggestedBy', case when a.id is null then null else json_build_object('id', a.id, 'name', a.name) end,
    'status', q.status, 'pinned', q.pinned, 'position', q.position, 'votes', q.votes,
    'performers', coalesce((
      select json_agg(json_build_object('attendeeId', p.attendee_id, 'name', pa.name, 'instrument', p.instrument,
                                        'state', p.state, 'signedUpAt', p.created_at)
                      order by p.created_at, p.attendee_id, p.instrument)
      from performer p join attendee pa on pa.id = p.attendee_id
      where p.item_id = q.id), '[]'::json),
    'openSlots', to_json(q.open_slots),
    'lineupConfirmed', q.lineup_confirmed,
    'createdAt', q.created_at) as item
from queue_item q
left join attendee a on a.id = q.suggested_by
left join song s on s.id = q.song_id;
