create index risk_point_region_prefix_idx on risk_point (region_code varchar_pattern_ops);
