-- Region subtrees are matched with LIKE 'prefix%': an index PostgreSQL can use for it whatever the collation.
create index warning_contact_region_prefix_idx on warning_contact (region_code varchar_pattern_ops);
