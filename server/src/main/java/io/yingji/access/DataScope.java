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

    /** Whether a record with these attributes lies inside the scope; null attributes are not checked. */
    public boolean covers(@Nullable String regionCode, @Nullable Industry industry, @Nullable Long enterpriseIdOfRecord) {
        if (regionPrefix != null && (regionCode == null || !regionCode.startsWith(regionPrefix))) {
            return false;
        }
        if (!industries.isEmpty() && industry != null && !industries.contains(industry)) {
            return false;
        }
        return enterpriseId == null || enterpriseId.equals(enterpriseIdOfRecord);
    }

    /** Whether the caller may reach the region itself (its subtree) — used when creating records there. */
    public boolean coversRegion(RegionCode region) {
        return regionPrefix == null || region.value().startsWith(regionPrefix);
    }
}
