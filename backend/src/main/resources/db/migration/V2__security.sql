-- Host sessions, moderation and the audit trail.

-- Refresh tokens for host sessions: stored hashed, rotated on every use. A token presented twice
-- means it was stolen, so its whole family (one login) is revoked.
create table refresh_token (
  id          uuid primary key,
  family      uuid not null,
  token_hash  text not null unique,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null,
  used_at     timestamptz,
  revoked_at  timestamptz
);
create index refresh_token_family on refresh_token (family);

-- When set, attendees' suggestions wait as 'pending' until the host accepts them.
alter table jam add column require_approval boolean not null default false;

create table audit_log (
  id       bigint generated always as identity primary key,
  at       timestamptz not null default now(),
  actor    text not null,
  action   text not null,
  jam_id   bigint,
  details  jsonb not null default '{}'
);
create index audit_log_jam on audit_log (jam_id, at desc);

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
    'requireApproval', j.require_approval,
    'playKey', j.play_key, 'capo', j.capo) as jam
from jam j left join venue v on v.id = j.venue_id;
