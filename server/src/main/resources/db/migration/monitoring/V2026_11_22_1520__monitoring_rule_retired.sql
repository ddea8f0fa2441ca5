-- A device's own rule that was replaced or removed while alarms still refer to it: kept for those
-- alarms' record, ignored by evaluation and lists. (A rule with enabled = false is different: a device's
-- own disabled rule switches its type's rule off for that device.)
alter table alarm_rule add column retired boolean not null default false;
