-- A device's version: a change or key rotation applies only to the version it was made from, so
-- concurrent changes do not overwrite each other and concurrent rotations issue one key.
alter table device add column version integer not null default 0;
