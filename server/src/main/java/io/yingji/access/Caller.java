package io.yingji.access;

import io.yingji.shared.Industry;
import io.yingji.shared.RegionCode;
import java.io.Serializable;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated user behind a request, as the rest of the platform sees it: where they sit
 * (region), which industries their department supervises (empty for a comprehensive department such
 * as the emergency bureau itself), and, for an enterprise account, which enterprise is theirs.
 */
public record Caller(
        long userId,
        String username,
        String displayName,
        RegionCode region,
        @Nullable Long departmentId,
        Set<Industry> industries,
        @Nullable Long enterpriseId,
        Set<String> roles,
        Set<String> permissions) implements Serializable {

    public Caller {
        industries = Set.copyOf(industries);
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
    }

    public DataScope scope() {
        return new DataScope(region.subtreePrefix(), industries, enterpriseId);
    }

    public boolean can(String permission) {
        return permissions.contains(permission);
    }
}
