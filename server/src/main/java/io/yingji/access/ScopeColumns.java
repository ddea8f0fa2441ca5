package io.yingji.access;

import org.jspecify.annotations.Nullable;

/**
 * Which columns of a table (with its alias) carry the attributes the data scope filters on. A table
 * without an industry or enterprise column passes null for it; a region column is always required,
 * because every record that belongs somewhere carries its region.
 */
public record ScopeColumns(String region, @Nullable String industry, @Nullable String enterpriseId) {

    /**
     * The columns of a table that belongs to enterprises under their usual names (region_code, industry,
     * enterprise_id); what an in-memory check of a record with all three attributes stands for.
     */
    public static final ScopeColumns ALL = new ScopeColumns("region_code", "industry", "enterprise_id");

    public static ScopeColumns region(String regionColumn) {
        return new ScopeColumns(regionColumn, null, null);
    }
}
