package io.yingji.identity;

import io.yingji.shared.Industry;
import io.yingji.shared.RegionCode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who holds a post: the enabled accounts to tell about something (a reminder, an escalation, later a
 * warning). Answers user ids; what to tell them is the caller's business.
 */
public interface Recipients {

    /** The enabled accounts of an enterprise (its safety managers and staff with a login). */
    List<Long> ofEnterprise(long enterpriseId);

    /**
     * The enabled government accounts placed exactly at {@code region} whose roles grant {@code permission}.
     * An industry department's account is included only when its department supervises {@code industry}
     * (or every industry); with no industry given, department accounts are left out.
     */
    List<Long> atRegion(RegionCode region, String permission, @Nullable Industry industry);

    /**
     * The enabled accounts placed in the subtree of {@code region} that hold at least one of {@code roles}
     * (role codes such as TOWNSHIP, GRID, BUREAU, ENTERPRISE), with their mobile number: whom an early
     * warning must reach. For the platform's own work, not limited by a caller's scope.
     */
    List<Account> accountsIn(RegionCode region, java.util.Set<String> roles);

    /** The enabled accounts with these ids, with all their roles (the people who drafted and approved something). */
    List<Account> accounts(java.util.Collection<Long> userIds);

    /**
     * The enabled accounts placed in the subtree of {@code region} whose username or mobile number is one of
     * {@code addresses}, with all their roles: the addressees of a directed (CAP Private) message.
     */
    List<Account> addressedIn(RegionCode region, java.util.Collection<String> addresses);

    /** An account to reach: its roles among those asked for, and its mobile number if it has one. */
    record Account(long userId, String displayName, RegionCode region, java.util.Set<String> roles, @Nullable String mobile,
                   @Nullable Long enterpriseId) {
    }
}
