-- What a hazard was opened from, when it came from another record (e.g. "alarm:42").
alter table hazard add column source_ref varchar(64);
create index hazard_source_ref_idx on hazard (source_ref);
