-- "Log out everywhere": host access tokens issued before this moment are refused.
create table host_session_epoch (
  id          boolean primary key default true check (id),
  not_before  timestamptz not null
);
insert into host_session_epoch (not_before) values ('epoch');
