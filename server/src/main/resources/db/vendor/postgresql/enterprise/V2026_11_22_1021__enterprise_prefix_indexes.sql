-- Scope predicates are "region_code like '3301%'"; under a non-C collation PostgreSQL needs the
-- pattern operator class to use an index for them.
create index enterprise_region_prefix_idx on enterprise (region_code varchar_pattern_ops);
