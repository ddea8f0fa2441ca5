package io.yingji.identity;

import io.yingji.shared.Industry;
import io.yingji.shared.RegionCode;
import io.yingji.access.Caller;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Creating departments and user accounts (administrators, the demo city). */
public interface AccountAdministration {

    long createDepartment(String name, RegionCode region, Set<Industry> industries);

    /**
     * Creates an account; the password is stored only as its hash.
     *
     * @param enterpriseId the enterprise of an enterprise account, null for government users
     * @param roles        role codes (ADMIN, AUDITOR, BUREAU, TOWNSHIP, GRID, DEPARTMENT, ENTERPRISE)
     */
    long createUser(String username, String password, String displayName, RegionCode region,
                    @Nullable Long departmentId, @Nullable Long enterpriseId, Set<String> roles);

    boolean anyUsers();

    /** The caller an account would be after logging in (for the platform's own jobs that act for someone). */
    Optional<Caller> callerOf(String username);
}
