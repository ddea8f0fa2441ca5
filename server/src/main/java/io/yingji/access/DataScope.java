package io.yingji.access;

import io.yingji.shared.Industry;
import io.yingji.shared.RegionCode;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The records a caller may see: those whose region code starts with {@code regionPrefix} (the
 * caller's region subtree), whose industry is one of {@code industries} (all when empty) and, for an
 * enterprise account, that belong to {@code enterpriseId}. A null prefix means every region.
 */
public record DataScope(@Nullable String regionPrefix, Set<Industry> industries, @Nullable Long enterpriseId) {

    /** Everything: only for the platform's own jobs (demo loading, schedulers), never for a request. */
    public static final DataScope SYSTEM = new DataScope(null, Set.of(), null);

    /** Nothing: what a request without a caller gets. */
    public static final DataScope NOTHING = new DataScope("#", Set.of(), -1L);

    public DataScope {
        industries = Set.copyOf(industries);
    }

    /**
     * Whether a record of a table with all three scope columns (region, industry, enterprise) lies inside
     * the scope; a null attribute is a NULL column. The same as {@link #covers(ScopeColumns, String, Industry, Long)}
     * with {@link ScopeColumns#ALL}.
     */
    public boolean covers(@Nullable String regionCode, @Nullable Industry industry, @Nullable Long enterpriseIdOfRecord) {
        return covers(ScopeColumns.ALL, regionCode, industry, enterpriseIdOfRecord);
    }

    /**
     * The in-memory twin of the SQL predicate {@link ScopedQueries} puts in place of {@code {scope}}: a
     * record is covered exactly when that predicate selects its row, so a check in memory (a stream, a
     * create) never lets through what a read would answer 404 to. Clause by clause:
     * <ul>
     * <li>region: the record's region lies in the prefix's subtree ({@code region like 'prefix%'}; a
     *     NULL region never matches);</li>
     * <li>industry, when the scope names industries and the table has the column: the record's industry
     *     is one of them ({@code industry in (...)}; a NULL industry is not in any list);</li>
     * <li>enterprise, for an enterprise account: the record is the account's enterprise's; a table
     *     without an enterprise column shows such an account nothing ({@code 1 = 0}).</li>
     * </ul>
     * Attributes of columns the table does not have are ignored.
     */
    public boolean covers(ScopeColumns columns, @Nullable String regionCode, @Nullable Industry industry,
                          @Nullable Long enterpriseIdOfRecord) {
        if (regionPrefix != null && (regionCode == null || !regionCode.startsWith(regionPrefix))) {
            return false;
        }
        if (restrictsIndustry(columns) && (industry == null || !industries.contains(industry))) {
            return false;
        }
        if (enterpriseId != null) {
            return columns.enterpriseId() != null && enterpriseId.equals(enterpriseIdOfRecord);
        }
        return true;
    }

    /** Whether the industry clause applies to a table with these columns. */
    boolean restrictsIndustry(ScopeColumns columns) {
        return !industries.isEmpty() && columns.industry() != null;
    }

    /**
     * Whether the scope shows anything at all of a table that does not belong to enterprises (no
     * enterprise column): false for an enterprise account, as {@code 1 = 0} says in SQL.
     */
    public boolean seesSharedRecords() {
        return enterpriseId == null;
    }

    /** Whether the caller may reach the region itself (its subtree) — used when creating records there. */
    public boolean coversRegion(RegionCode region) {
        return regionPrefix == null || region.value().startsWith(regionPrefix);
    }
}
