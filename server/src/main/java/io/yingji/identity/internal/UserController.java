package io.yingji.identity.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.identity.AccountAdministration;
import io.yingji.identity.EnterpriseLookup;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.MobileNumber;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import io.yingji.shared.UtcTimestamps;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users, departments and roles as administrators see them: accounts of their own region subtree
 * only, created only inside it, and never with more power than an administrator may hand out.
 */
@RestController
@Tag(name = "用户与部门 Users and departments")
class UserController {

    record UserView(long id, String username, String displayName, String regionCode, String regionName,
                    @Nullable Long departmentId, @Nullable String departmentName, @Nullable Long enterpriseId,
                    boolean enabled, boolean locked, List<String> roles) {
    }

    record NewUser(@Nullable String username, @Nullable String password, @Nullable String displayName,
                   @Nullable String regionCode, @Nullable Long departmentId, @Nullable Long enterpriseId,
                   @Nullable String mobile, @Nullable List<String> roles) {
    }

    record DepartmentView(long id, String name, String regionCode, List<String> industries) {
    }

    record RoleView(String code, String nameZh, String nameEn, List<String> permissions) {
    }

    private static final ScopeColumns USER_COLUMNS = new ScopeColumns("u.region_code", null, "u.enterprise_id");
    private static final ScopeColumns DEPARTMENT_COLUMNS = ScopeColumns.region("d.region_code");
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9_.-]{2,31}");
    /** At least 8 characters with letters and digits. */
    private static final Pattern PASSWORD = Pattern.compile("(?=.*[A-Za-z])(?=.*\\d).{8,128}");

    private final ScopedQueries scoped;
    private final JdbcClient jdbc;
    private final CallerContext callers;
    private final AccountAdministration accounts;
    private final RegionDirectory regions;
    private final Clock clock;
    private final EnterpriseLookup enterprises;

    UserController(ScopedQueries scoped, JdbcClient jdbc, CallerContext callers, AccountAdministration accounts,
                   RegionDirectory regions, Clock clock, EnterpriseLookup enterprises) {
        this.scoped = scoped;
        this.jdbc = jdbc;
        this.callers = callers;
        this.accounts = accounts;
        this.regions = regions;
        this.clock = clock;
        this.enterprises = enterprises;
    }

    @GetMapping("/api/users")
    @Operation(summary = "Accounts of the caller's region subtree")
    PageOf<UserView> users(@RequestParam(required = false) @Nullable String q,
                           @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        callers.requirePermission(Permissions.USER_READ);
        PageOf.check(page, size);
        String where = " where {scope}" + (q == null || q.isBlank() ? "" : " and (u.username like :q or u.display_name like :q)");
        var count = scoped.sql("select count(*) from app_user u" + where, USER_COLUMNS);
        var select = scoped.sql("""
                select u.*, d.name as department_name from app_user u left join department d on d.id = u.department_id
                """ + where + " order by u.id limit :limit offset :offset", USER_COLUMNS);
        if (q != null && !q.isBlank()) {
            count.param("q", "%" + q.strip() + "%");
            select.param("q", "%" + q.strip() + "%");
        }
        long total = count.query(Long.class).single();
        List<UserView> content = select.param("limit", size).param("offset", (long) page * size)
                .query(this::map)
                .list();
        return PageOf.of(content, page, size, total);
    }

    @GetMapping("/api/users/{id}")
    @Operation(summary = "One account; 404 outside the caller's region")
    UserView user(@PathVariable long id) {
        callers.requirePermission(Permissions.USER_READ);
        return find(id).orElseThrow(() -> Problem.notFound("user", id));
    }

    private Optional<UserView> find(long id) {
        return scoped.sql("""
                select u.*, d.name as department_name from app_user u left join department d on d.id = u.department_id
                where {scope} and u.id = :id""", USER_COLUMNS).param("id", id)
                .query(this::map)
                .optional();
    }

    private UserView map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        Instant lockedUntil = UtcTimestamps.read(rs, "locked_until");
        return new UserView(id, rs.getString("username"), rs.getString("display_name"), rs.getString("region_code"),
                regions.fullName(RegionCode.of(rs.getString("region_code"))), rs.getObject("department_id", Long.class),
                rs.getString("department_name"), rs.getObject("enterprise_id", Long.class), rs.getBoolean("enabled"),
                lockedUntil != null && lockedUntil.isAfter(clock.instant()), rolesOf(id));
    }

    @PostMapping("/api/users")
    @Operation(summary = "Create an account in the caller's region subtree")
    @Transactional
    ResponseEntity<UserView> create(@RequestBody NewUser body) {
        Caller caller = callers.requirePermission(Permissions.USER_MANAGE);
        List<FieldProblem> problems = new ArrayList<>();
        if (body.username() == null || !USERNAME.matcher(body.username()).matches()) {
            problems.add(new FieldProblem("username", "identity.user.username.invalid"));
        } else if (jdbc.sql("select count(*) from app_user where username = :u").param("u", body.username())
                .query(Long.class).single() > 0) {
            problems.add(new FieldProblem("username", "identity.user.username.taken", body.username()));
        }
        if (body.password() == null || !PASSWORD.matcher(body.password()).matches()) {
            problems.add(new FieldProblem("password", "identity.user.password.weak"));
        }
        if (body.displayName() == null || body.displayName().isBlank() || body.displayName().length() > 64) {
            problems.add(new FieldProblem("displayName", "identity.user.display-name.required"));
        }
        RegionCode region = null;
        if (body.regionCode() == null || !RegionCode.isValid(body.regionCode())
                || regions.find(RegionCode.of(body.regionCode())).isEmpty()) {
            problems.add(Problem.unknownRegion(null, "regionCode", body.regionCode()));
        } else {
            region = RegionCode.of(body.regionCode());
        }
        if (body.mobile() != null && !MobileNumber.isMobile(body.mobile())) {
            problems.add(new FieldProblem("mobile", "enterprise.phone.invalid", body.mobile()));
        }
        Set<String> known = new HashSet<>(jdbc.sql("select code from role").query(String.class).list());
        Set<String> roles = new HashSet<>(body.roles() == null ? List.of() : body.roles());
        if (roles.isEmpty() || !known.containsAll(roles)) {
            problems.add(new FieldProblem("roles", "identity.user.roles.invalid", String.join(", ", new TreeSet<>(known))));
        }
        if (roles.contains("ENTERPRISE") != (body.enterpriseId() != null)) {
            problems.add(new FieldProblem("enterpriseId", "identity.user.enterprise.mismatch"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        if (body.enterpriseId() != null && enterprises.regionOfVisible(body.enterpriseId()).isEmpty()) {
            // an enterprise outside the administrator's scope is answered like one that does not exist
            throw Problem.outOfScope("enterprise", body.enterpriseId());
        }
        requireWithinPower(caller, region, body.departmentId(), roles);
        long id = accounts.createUser(body.username(), body.password(), body.displayName().strip(), region,
                body.departmentId(), body.enterpriseId(), roles);
        if (body.mobile() != null) {
            jdbc.sql("update app_user set mobile = :m where id = :id").param("m", body.mobile()).param("id", id).update();
        }
        return ResponseEntity.created(URI.create("/api/users/" + id)).body(find(id).orElseThrow());
    }

    /**
     * An administrator hands out no more than it has: the account's region inside its own subtree (403
     * otherwise, region codes are public), the department one it can see (404 as for a missing one
     * otherwise, so no department of another district can be probed), and only roles whose every
     * permission it holds itself (403 naming the roles it may not grant).
     */
    private void requireWithinPower(Caller caller, RegionCode region, @Nullable Long departmentId, Set<String> roles) {
        if (!caller.scope().coversRegion(region)) {
            throw Problem.forbidden();
        }
        Set<String> beyond = new TreeSet<>();
        for (String role : roles) {
            if (!caller.permissions().containsAll(permissionsOf(role))) {
                beyond.add(role);
            }
        }
        if (!beyond.isEmpty()) {
            throw new Problem(403, "identity.user.roles.beyond", String.join(", ", beyond));
        }
        if (departmentId != null && scoped.sql("select count(*) from department d where {scope} and d.id = :id",
                DEPARTMENT_COLUMNS).param("id", departmentId).query(Long.class).single() == 0) {
            throw Problem.notFound("department", departmentId);
        }
    }

    private List<String> permissionsOf(String role) {
        return jdbc.sql("select permission from role_permission where role_code = :r order by permission")
                .param("r", role).query(String.class).list();
    }

    @GetMapping("/api/departments")
    @Operation(summary = "Departments of the caller's region subtree with the industries they supervise")
    List<DepartmentView> departments() {
        callers.require();
        return scoped.sql("select * from department d where {scope} order by d.id", DEPARTMENT_COLUMNS)
                .query((rs, n) -> new DepartmentView(rs.getLong("id"), rs.getString("name"), rs.getString("region_code"),
                        UserAccounts.industries(rs.getString("industries")).stream().map(Enum::name).sorted().toList()))
                .list();
    }

    @GetMapping("/api/roles")
    @Operation(summary = "Roles and the permissions they grant")
    List<RoleView> roles() {
        callers.require();
        return jdbc.sql("select * from role order by code")
                .query((rs, n) -> new RoleView(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
                        permissionsOf(rs.getString("code"))))
                .list();
    }

    private List<String> rolesOf(long userId) {
        return jdbc.sql("select role_code from user_role where user_id = :id order by role_code").param("id", userId)
                .query(String.class).list();
    }
}
