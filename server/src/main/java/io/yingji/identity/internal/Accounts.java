package io.yingji.identity.internal;

import io.yingji.access.Caller;
import io.yingji.audit.AuditTrail;
import io.yingji.identity.AccountAdministration;
import io.yingji.shared.Industry;
import io.yingji.shared.RegionCode;
import io.yingji.shared.UtcTimestamps;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class Accounts implements AccountAdministration {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditTrail audit;
    private final Clock clock;
    private final UserAccounts accounts;

    Accounts(JdbcClient jdbc, PasswordEncoder passwords, AuditTrail audit, Clock clock, UserAccounts accounts) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.accounts = accounts;
    }

    @Override
    @Transactional
    public long createDepartment(String name, RegionCode region, Set<Industry> industries) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        String csv = new TreeSet<>(industries.stream().map(Enum::name).collect(Collectors.toSet())).stream()
                .collect(Collectors.joining(","));
        jdbc.sql("insert into department (name, region_code, industries) values (:name, :region, :industries)")
                .param("name", name).param("region", region.value()).param("industries", csv)
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        audit.record("department.create", "department", String.valueOf(id), region.value(),
                Map.of("name", name, "industries", csv));
        return id;
    }

    @Override
    @Transactional
    public long createUser(String username, String password, String displayName, RegionCode region,
                           @Nullable Long departmentId, @Nullable Long enterpriseId, Set<String> roles) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into app_user (username, password_hash, display_name, region_code, department_id, enterprise_id, created_at)
                values (:username, :hash, :displayName, :region, :department, :enterprise, :now)""")
                .param("username", username).param("hash", passwords.encode(password)).param("displayName", displayName)
                .param("region", region.value()).param("department", departmentId).param("enterprise", enterpriseId)
                .param("now", UtcTimestamps.of(clock.instant()))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        for (String role : roles) {
            jdbc.sql("insert into user_role (user_id, role_code) values (:user, :role)").param("user", id).param("role", role).update();
        }
        audit.record("user.create", "user", String.valueOf(id), region.value(),
                Map.of("username", username, "roles", new TreeSet<>(roles).toString()));
        return id;
    }

    @Override
    public Optional<Caller> callerOf(String username) {
        return accounts.findByUsername(username).flatMap(account -> accounts.loadCaller(account.id()));
    }

    @Override
    public boolean anyUsers() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single() > 0;
    }
}
