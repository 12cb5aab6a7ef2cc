-- Co-hosts: a link the host hands to a second organiser or the sound engineer, good for one jam until it
-- expires or is revoked. Only the SHA-256 of the link's code is kept; revoked links stay for the audit trail.
create table cohost_link (
  id           bigint generated always as identity primary key,
  jam_id       bigint not null references jam (id) on delete cascade,
  name         text not null,
  code_hash    text not null unique,
  created_at   timestamptz not null default now(),
  expires_at   timestamptz not null,
  revoked_at   timestamptz,
  redeemed_at  timestamptz
);
create index cohost_link_jam on cohost_link (jam_id, id desc);

-- Who did it: the host, or which co-host (kept by value: the entry outlives a deleted jam and its links).
alter table audit_log add column cohost_id bigint;
alter table audit_log add column cohost_name text;
