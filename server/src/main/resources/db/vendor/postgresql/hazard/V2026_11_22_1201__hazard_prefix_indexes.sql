create index hazard_region_prefix_idx on hazard (region_code varchar_pattern_ops);
