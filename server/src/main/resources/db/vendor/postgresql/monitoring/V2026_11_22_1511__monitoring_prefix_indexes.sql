-- Region-prefix scope predicates (region_code like '3301%') use these on PostgreSQL.
create index device_region_prefix_idx on device (region_code varchar_pattern_ops);
create index alarm_region_prefix_idx on alarm (region_code varchar_pattern_ops);
