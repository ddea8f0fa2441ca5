-- At most one hazard per source record (an alarm opens one hazard, even when its module event is
-- delivered twice at once, on two instances): the unique index refuses the second.
drop index hazard_source_ref_idx;
create unique index hazard_source_ref_idx on hazard (source_ref);
