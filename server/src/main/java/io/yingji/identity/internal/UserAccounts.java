package io.yingji.identity.internal;

import io.yingji.access.Caller;
import io.yingji.identity.Departments;
import io.yingji.shared.Industry;
import io.yingji.shared.RegionCode;
import io.yingji.shared.UtcTimestamps;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users, their roles and departments, and the token table. */
@Repository
class UserAccounts implements Departments {

    record Account(long id, String username, String regionCode, String passwordHash, boolean enabled,
                   int failedAttempts, @Nullable Instant lockedUntil) {
    }

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> findByUsername(String username) {
        return jdbc.sql("""
                select id, username, region_code, password_hash, enabled, failed_attempts, locked_until
                from app_user where username = :username""")
                .param("username", username)
                .query((rs, n) -> new Account(rs.getLong("id"), rs.getString("username"), rs.getString("region_code"),
                        rs.getString("password_hash"),
                        rs.getBoolean("enabled"), rs.getInt("failed_attempts"),
                        UtcTimestamps.read(rs, "locked_until")))
                .optional();
    }

    /**
     * Counts one failed login in the database itself (an increment, never a value computed from an
     * earlier read, so parallel guesses all count) and locks the account until {@code lockUntil} when
     * the count reaches {@code max}; answers the count, 0 when this failure locked the account.
     */
    int recordFailure(long userId, int max, Instant lockUntil) {
        // the increment locks the row until the transaction ends, so the count read next is this failure's
        jdbc.sql("update app_user set failed_attempts = failed_attempts + 1 where id = :id").param("id", userId).update();
        int attempts = jdbc.sql("select failed_attempts from app_user where id = :id").param("id", userId)
                .query(Integer.class).single();
        if (attempts < max) {
            return attempts;
        }
        jdbc.sql("update app_user set failed_attempts = 0, locked_until = :lockedUntil where id = :id")
                .param("lockedUntil", UtcTimestamps.of(lockUntil)).param("id", userId).update();
        return 0;
    }

    void resetFailures(long userId) {
        jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where id = :id").param("id", userId).update();
    }

    Optional<Caller> loadCaller(long userId) {
        Set<String> roles = new HashSet<>(jdbc.sql("select role_code from user_role where user_id = :id")
                .param("id", userId).query(String.class).list());
        Set<String> permissions = new HashSet<>(jdbc.sql("""
                select distinct rp.permission from role_permission rp
                join user_role ur on ur.role_code = rp.role_code where ur.user_id = :id""")
                .param("id", userId).query(String.class).list());
        return jdbc.sql("""
                select u.id, u.username, u.display_name, u.region_code, u.department_id, u.enterprise_id,
                       d.industries
                from app_user u left join department d on d.id = u.department_id
                where u.id = :id and u.enabled""")
                .param("id", userId)
                .query((rs, n) -> new Caller(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        RegionCode.of(rs.getString("region_code")), (Long) rs.getObject("department_id", Long.class),
                        industries(rs.getString("industries")), (Long) rs.getObject("enterprise_id", Long.class),
                        roles, permissions))
                .optional();
    }

    @Override
    public Optional<Department> find(long id) {
        return jdbc.sql("select id, name, region_code, industries from department where id = :id")
                .param("id", id)
                .query((rs, n) -> new Department(rs.getLong("id"), rs.getString("name"),
                        RegionCode.of(rs.getString("region_code")), industries(rs.getString("industries"))))
                .optional();
    }

    static Set<Industry> industries(@Nullable String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).map(Industry::valueOf).collect(Collectors.toSet());
    }

    // tokens

    void storeToken(String tokenHash, long userId, Instant issuedAt, Instant expiresAt) {
        jdbc.sql("insert into api_token (token_hash, user_id, issued_at, expires_at) values (:hash, :user, :issued, :expires)")
                .param("hash", tokenHash).param("user", userId)
                .param("issued", UtcTimestamps.of(issuedAt)).param("expires", UtcTimestamps.of(expiresAt))
                .update();
    }

    /** The user of a token that is neither revoked nor expired at {@code now}. */
    Optional<Long> liveTokenUser(String tokenHash, Instant now) {
        return jdbc.sql("""
                select user_id from api_token
                where token_hash = :hash and revoked_at is null and expires_at > :now""")
                .param("hash", tokenHash).param("now", UtcTimestamps.of(now))
                .query(Long.class).optional();
    }

    int revokeToken(String tokenHash, Instant at) {
        return jdbc.sql("update api_token set revoked_at = :at where token_hash = :hash and revoked_at is null")
                .param("at", UtcTimestamps.of(at)).param("hash", tokenHash).update();
    }

}
