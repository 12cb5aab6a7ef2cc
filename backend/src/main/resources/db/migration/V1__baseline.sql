-- Venues, jams and the event log every live update comes from.
create table venue (
  id         bigint generated always as identity primary key,
  name       text not null unique check (length(name) between 1 and 120),
  address    text not null default '' check (length(address) <= 300),
  created_at timestamptz not null default now()
);
