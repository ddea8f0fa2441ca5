package io.yingji.resource.internal;

import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.audit.AuditTrail;
import io.yingji.enterprise.Enterprise;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.GeoPoint;
import io.yingji.shared.MobileNumber;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import io.yingji.shared.UtcTimestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Rescue teams of the caller's scope: registering, describing, readiness. An enterprise's own team is its and its supervisors'. */
@Service
class Teams {

    static final ScopeColumns COLUMNS = new ScopeColumns("t.region_code", "t.industry", "t.enterprise_id");
    private static final String SELECT = "select t.*, r.name as region_name from resource_team t join region r on r.code = t.region_code";

    record Search(@Nullable String regionCode, RescueTeam.@Nullable Status status, RescueTeam.@Nullable Capability capability,
                  @Nullable String q) {
    }

    private final JdbcClient jdbc;
    private final ScopedQueries scoped;
    private final EnterpriseRegistry enterprises;
    private final RegionDirectory regions;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final Clock clock;

    Teams(JdbcClient jdbc, ScopedQueries scoped, EnterpriseRegistry enterprises, RegionDirectory regions, CallerContext callers,
          AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.scoped = scoped;
        this.enterprises = enterprises;
        this.regions = regions;
        this.callers = callers;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    RescueTeam find(long id) {
        callers.requirePermission(Permissions.RESOURCE_READ);
        return visible(id).orElseThrow(() -> Problem.notFound("team", id));
    }

    Optional<RescueTeam> visible(long id) {
        return scoped.sql(SELECT + " where {scope} and t.id = :id", COLUMNS).param("id", id).query(this::map).optional();
    }

    @Transactional(readOnly = true)
    PageOf<RescueTeam> search(Search search, int page, int size) {
        callers.requirePermission(Permissions.RESOURCE_READ);
        PageOf.check(page, size);
        StringBuilder where = new StringBuilder(" where {scope}");
        Map<String, Object> params = new LinkedHashMap<>();
        if (search.regionCode() != null) {
            if (!RegionCode.isValid(search.regionCode())) {
                throw Problem.invalid("regionCode", "enterprise.region.invalid", search.regionCode());
            }
            where.append(" and t.region_code like :region");
            params.put("region", RegionCode.of(search.regionCode()).subtreeLikePattern());
        }
        if (search.status() != null) {
            where.append(" and t.status = :status");
            params.put("status", search.status().name());
        }
        if (search.capability() != null) {
            where.append(" and (',' || t.capabilities || ',') like :capability");
            params.put("capability", "%," + search.capability().name() + ",%");
        }
        if (search.q() != null && !search.q().isBlank()) {
            where.append(" and (t.name like :q or t.leader like :q)");
            params.put("q", "%" + search.q().strip() + "%");
        }
        var count = scoped.sql("select count(*) from resource_team t" + where, COLUMNS);
        params.forEach(count::param);
        var select = scoped.sql(SELECT + where + " order by t.region_code, t.id limit :limit offset :offset", COLUMNS);
        params.forEach(select::param);
        List<RescueTeam> content = select.param("limit", size).param("offset", (long) page * size).query(this::map).list();
        return PageOf.of(content, page, size, count.query(Long.class).single());
    }

    @Transactional
    RescueTeam register(RescueTeam.Draft draft) {
        requireWrite();
        Checked c = check(draft);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        bind(jdbc.sql("""
                insert into resource_team (name, kind, region_code, enterprise_id, industry, base_address, longitude, latitude,
                    headcount, leader, leader_phone, status, capabilities, equipment, created_at)
                values (:name, :kind, :region, :enterprise, :industry, :address, :longitude, :latitude, :headcount, :leader,
                    :phone, :status, :capabilities, :equipment, :at)"""), c).param("at", UtcTimestamps.of(clock.instant()))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        members(id, c.members());
        audit.record("team.create", "resource_team", String.valueOf(id), c.region(), Map.of("name", c.name(), "kind", c.kind().name(),
                "headcount", c.headcount()));
        return visible(id).orElseThrow();
    }

    @Transactional
    RescueTeam change(long id, RescueTeam.Draft draft) {
        RescueTeam current = visible(id).orElseThrow(() -> Problem.outOfScope("team", id));
        requireWrite();
        Checked c = check(draft);
        int expected = draft.version() == null ? current.version() : draft.version();
        int changed = bind(jdbc.sql("""
                update resource_team set name = :name, kind = :kind, region_code = :region, enterprise_id = :enterprise,
                    industry = :industry, base_address = :address, longitude = :longitude, latitude = :latitude,
                    headcount = :headcount, leader = :leader, leader_phone = :phone, status = :status,
                    capabilities = :capabilities, equipment = :equipment, version = version + 1
                where id = :id and version = :version"""), c).param("id", id).param("version", expected).update();
        if (changed == 0) {
            throw Problem.conflict("problem.version.stale");
        }
        members(id, c.members());
        Map<String, Object> changes = new LinkedHashMap<>();
        if (!current.status().equals(c.status())) {
            changes.put("status", Arrays.asList(current.status().name(), c.status().name()));
        }
        if (current.headcount() != c.headcount()) {
            changes.put("headcount", Arrays.asList(current.headcount(), c.headcount()));
        }
        if (!current.name().equals(c.name())) {
            changes.put("name", Arrays.asList(current.name(), c.name()));
        }
        audit.record("team.update", "resource_team", String.valueOf(id), c.region(), changes);
        return visible(id).orElseThrow();
    }

    /** Readiness alone (待命 / 出动中 / 休整 / 不可用), on the version read. */
    @Transactional
    RescueTeam setStatus(long id, @Nullable String status, @Nullable Integer version) {
        RescueTeam current = visible(id).orElseThrow(() -> Problem.outOfScope("team", id));
        requireWrite();
        List<FieldProblem> problems = new ArrayList<>();
        RescueTeam.Status next = Warehouses.parse(RescueTeam.Status.class, status, "status", "resource.team.status.invalid", problems);
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        int expected = version == null ? current.version() : version;
        if (jdbc.sql("update resource_team set status = :s, version = version + 1 where id = :id and version = :v")
                .param("s", next.name()).param("id", id).param("v", expected).update() == 0) {
            throw Problem.conflict("problem.version.stale");
        }
        audit.record("team.status", "resource_team", String.valueOf(id), current.regionCode(),
                Map.of("status", Arrays.asList(current.status().name(), next.name())));
        return visible(id).orElseThrow();
    }

    private void requireWrite() {
        if (!callers.isSystem()) {
            callers.requirePermission(Permissions.RESOURCE_WRITE);
        }
    }

    private record Checked(String name, RescueTeam.Kind kind, String region, @Nullable Long enterpriseId, @Nullable String industry,
                           @Nullable String address, double longitude, double latitude, int headcount, String leader, String phone,
                           RescueTeam.Status status, String capabilities, @Nullable String equipment, List<RescueTeam.Member> members) {
    }

    private Checked check(RescueTeam.Draft d) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = Warehouses.text(d.name(), "name", 128, true, problems);
        RescueTeam.Kind kind = Warehouses.parse(RescueTeam.Kind.class, d.kind(), "kind", "resource.team.kind.invalid", problems);
        RegionCode region = null;
        if (d.regionCode() == null || !RegionCode.isValid(d.regionCode()) || regions.find(RegionCode.of(d.regionCode())).isEmpty()) {
            problems.add(Problem.unknownRegion(null, "regionCode", d.regionCode()));
        } else {
            region = RegionCode.of(d.regionCode());
        }
        String address = Warehouses.text(d.baseAddress(), "baseAddress", 256, false, problems);
        if (d.longitude() == null || d.latitude() == null) {
            problems.add(new FieldProblem(d.longitude() == null ? "longitude" : "latitude", "resource.place.required"));
        } else {
            problems.addAll(GeoPoint.problemsOf(d.longitude(), d.latitude()));
        }
        if (d.headcount() == null || d.headcount() < 1 || d.headcount() > 100_000) {
            problems.add(new FieldProblem("headcount", "resource.team.headcount.invalid"));
        }
        String leader = Warehouses.text(d.leader(), "leader", 64, true, problems);
        String phone = d.leaderPhone() == null ? null : d.leaderPhone().strip();
        if (phone == null || !MobileNumber.isPhone(phone)) {
            problems.add(new FieldProblem("leaderPhone", "enterprise.phone.invalid", String.valueOf(d.leaderPhone())));
        }
        RescueTeam.Status status = d.status() == null ? RescueTeam.Status.STANDBY
                : Warehouses.parse(RescueTeam.Status.class, d.status(), "status", "resource.team.status.invalid", problems);
        Set<RescueTeam.Capability> capabilities = new LinkedHashSet<>();
        List<String> asked = d.capabilities() == null ? List.of() : d.capabilities();
        for (int n = 0; n < asked.size(); n++) {
            RescueTeam.Capability capability = Warehouses.parse(RescueTeam.Capability.class, asked.get(n), "capabilities[" + n + "]",
                    "resource.team.capability.invalid", problems);
            if (capability != null) {
                capabilities.add(capability);
            }
        }
        if (asked.isEmpty()) {
            problems.add(new FieldProblem("capabilities", "resource.team.capabilities.required"));
        }
        String equipment = Warehouses.text(d.equipment(), "equipment", 1000, false, problems);
        List<RescueTeam.Member> members = new ArrayList<>();
        List<RescueTeam.Member> given = d.members() == null ? List.of() : d.members();
        if (given.size() > 500) {
            problems.add(new FieldProblem("members", "resource.team.members.too-many", 500));
        }
        for (int n = 0; n < given.size() && n < 500; n++) {
            RescueTeam.Member m = given.get(n);
            String field = "members[" + n + "]";
            String memberName = Warehouses.text(m.name(), "memberName", 64, true, problems);
            String role = Warehouses.text(m.role(), "memberRole", 32, true, problems);
            String memberPhone = m.phone() == null ? null : m.phone().strip();
            if (memberPhone == null || !MobileNumber.isPhone(memberPhone)) {
                problems.add(new FieldProblem(field + ".phone", "enterprise.phone.invalid", String.valueOf(m.phone())));
            }
            if (memberName != null && role != null && memberPhone != null) {
                members.add(new RescueTeam.Member(memberName, role, memberPhone));
            }
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        Enterprise enterprise = null;
        if (d.enterpriseId() != null) {
            long enterpriseId = d.enterpriseId();
            enterprise = enterprises.find(enterpriseId).orElseThrow(() -> Problem.outOfScope("enterprise", enterpriseId));
        }
        if (!callers.scope().covers(COLUMNS, Objects.requireNonNull(region).value(), enterprise == null ? null : enterprise.industry(),
                enterprise == null ? null : enterprise.id())) {
            throw Problem.forbidden();
        }
        return new Checked(Objects.requireNonNull(name), Objects.requireNonNull(kind), region.value(),
                enterprise == null ? null : enterprise.id(), enterprise == null ? null : enterprise.industry().name(), address,
                d.longitude(), d.latitude(), d.headcount(), Objects.requireNonNull(leader), Objects.requireNonNull(phone),
                Objects.requireNonNull(status), String.join(",", capabilities.stream().map(Enum::name).toList()), equipment, members);
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Checked c) {
        return spec.param("name", c.name()).param("kind", c.kind().name()).param("region", c.region())
                .param("enterprise", c.enterpriseId()).param("industry", c.industry()).param("address", c.address())
                .param("longitude", c.longitude()).param("latitude", c.latitude()).param("headcount", c.headcount())
                .param("leader", c.leader()).param("phone", c.phone()).param("status", c.status().name())
                .param("capabilities", c.capabilities()).param("equipment", c.equipment());
    }

    private void members(long teamId, List<RescueTeam.Member> members) {
        jdbc.sql("delete from resource_team_member where team_id = :t").param("t", teamId).update();
        for (int n = 0; n < members.size(); n++) {
            RescueTeam.Member m = members.get(n);
            jdbc.sql("insert into resource_team_member (team_id, position, name, role, phone) values (:t, :p, :n, :r, :ph)")
                    .param("t", teamId).param("p", n).param("n", m.name()).param("r", m.role()).param("ph", m.phone()).update();
        }
    }

    private RescueTeam map(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong("id");
        List<RescueTeam.Member> members = jdbc.sql("select name, role, phone from resource_team_member where team_id = :t order by position")
                .param("t", id).query((m, i) -> new RescueTeam.Member(m.getString("name"), m.getString("role"), m.getString("phone"))).list();
        String capabilities = rs.getString("capabilities");
        return new RescueTeam(id, rs.getString("name"), RescueTeam.Kind.valueOf(rs.getString("kind")), rs.getString("region_code"),
                rs.getString("region_name"), (Long) rs.getObject("enterprise_id", Long.class), rs.getString("base_address"),
                rs.getBigDecimal("longitude").doubleValue(), rs.getBigDecimal("latitude").doubleValue(), rs.getInt("headcount"),
                rs.getString("leader"), rs.getString("leader_phone"), RescueTeam.Status.valueOf(rs.getString("status")),
                capabilities.isEmpty() ? List.of() : Arrays.stream(capabilities.split(",")).map(RescueTeam.Capability::valueOf).toList(),
                rs.getString("equipment"), members, rs.getInt("version"), UtcTimestamps.read(rs, "created_at"));
    }
}
