package io.yingji.resource.internal;

import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.audit.AuditTrail;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.GeoPoint;
import io.yingji.shared.MobileNumber;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import io.yingji.shared.UtcTimestamps;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Shelters of the caller's region: registering, opening and closing, live occupancy. They belong to no enterprise. */
@Service
class Shelters {

    static final ScopeColumns COLUMNS = ScopeColumns.region("s.region_code");
    private static final String SELECT = "select s.*, r.name as region_name from resource_shelter s join region r on r.code = s.region_code";

    record Search(@Nullable String regionCode, @Nullable Boolean open, @Nullable String q) {
    }

    private final JdbcClient jdbc;
    private final ScopedQueries scoped;
    private final RegionDirectory regions;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final Clock clock;

    Shelters(JdbcClient jdbc, ScopedQueries scoped, RegionDirectory regions, CallerContext callers, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.scoped = scoped;
        this.regions = regions;
        this.callers = callers;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Shelter find(long id) {
        callers.requirePermission(Permissions.RESOURCE_READ);
        return visible(id).orElseThrow(() -> Problem.notFound("shelter", id));
    }

    Optional<Shelter> visible(long id) {
        return scoped.sql(SELECT + " where {scope} and s.id = :id", COLUMNS).param("id", id).query(Shelters::map).optional();
    }

    @Transactional(readOnly = true)
    PageOf<Shelter> search(Search search, int page, int size) {
        callers.requirePermission(Permissions.RESOURCE_READ);
        PageOf.check(page, size);
        StringBuilder where = new StringBuilder(" where {scope}");
        Map<String, Object> params = new LinkedHashMap<>();
        if (search.regionCode() != null) {
            if (!RegionCode.isValid(search.regionCode())) {
                throw Problem.invalid("regionCode", "enterprise.region.invalid", search.regionCode());
            }
            where.append(" and s.region_code like :region");
            params.put("region", RegionCode.of(search.regionCode()).subtreeLikePattern());
        }
        if (search.open() != null) {
            where.append(" and s.is_open = :open");
            params.put("open", search.open());
        }
        if (search.q() != null && !search.q().isBlank()) {
            where.append(" and (s.name like :q or s.address like :q)");
            params.put("q", "%" + search.q().strip() + "%");
        }
        var count = scoped.sql("select count(*) from resource_shelter s" + where, COLUMNS);
        params.forEach(count::param);
        var select = scoped.sql(SELECT + where + " order by s.region_code, s.id limit :limit offset :offset", COLUMNS);
        params.forEach(select::param);
        List<Shelter> content = select.param("limit", size).param("offset", (long) page * size).query(Shelters::map).list();
        return PageOf.of(content, page, size, count.query(Long.class).single());
    }

    @Transactional
    Shelter register(Shelter.Draft draft) {
        requireWrite();
        Checked c = check(draft, null);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        bind(jdbc.sql("""
                insert into resource_shelter (name, level, kind, region_code, address, longitude, latitude, capacity,
                    usable_area_m2, facilities, is_open, occupancy, manager, manager_phone, created_at)
                values (:name, :level, :kind, :region, :address, :longitude, :latitude, :capacity, :area, :facilities, :open,
                    :occupancy, :manager, :phone, :at)"""), c).param("at", UtcTimestamps.of(clock.instant())).update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        audit.record("shelter.create", "resource_shelter", String.valueOf(id), c.region(), Map.of("name", c.name(),
                "capacity", c.capacity()));
        return visible(id).orElseThrow();
    }

    @Transactional
    Shelter change(long id, Shelter.Draft draft) {
        requireWrite();
        Shelter current = visible(id).orElseThrow(() -> Problem.outOfScope("shelter", id));
        Checked c = check(draft, current);
        int expected = draft.version() == null ? current.version() : draft.version();
        if (bind(jdbc.sql("""
                update resource_shelter set name = :name, level = :level, kind = :kind, region_code = :region, address = :address,
                    longitude = :longitude, latitude = :latitude, capacity = :capacity, usable_area_m2 = :area,
                    facilities = :facilities, is_open = :open, occupancy = :occupancy, manager = :manager,
                    manager_phone = :phone, version = version + 1
                where id = :id and version = :version"""), c).param("id", id).param("version", expected).update() == 0) {
            throw Problem.conflict("problem.version.stale");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        if (current.open() != c.open()) {
            changes.put("open", Arrays.asList(current.open(), c.open()));
        }
        if (current.occupancy() != c.occupancy()) {
            changes.put("occupancy", Arrays.asList(current.occupancy(), c.occupancy()));
        }
        if (current.capacity() != c.capacity()) {
            changes.put("capacity", Arrays.asList(current.capacity(), c.capacity()));
        }
        audit.record("shelter.update", "resource_shelter", String.valueOf(id), c.region(), changes);
        return visible(id).orElseThrow();
    }

    /** 开放/关闭 and 当前安置人数 alone, on the version read (the officer at the door updates it as people come and go). */
    @Transactional
    Shelter occupancy(long id, @Nullable Boolean open, @Nullable Integer occupancy, @Nullable Integer version) {
        requireWrite();
        Shelter current = visible(id).orElseThrow(() -> Problem.outOfScope("shelter", id));
        boolean nextOpen = open == null ? current.open() : open;
        int nextOccupancy = occupancy == null ? current.occupancy() : occupancy;
        if (nextOccupancy < 0 || nextOccupancy > current.capacity()) {
            throw Problem.invalid("occupancy", "resource.shelter.occupancy.invalid", current.capacity());
        }
        if (!nextOpen && nextOccupancy > 0) {
            throw Problem.invalid("open", "resource.shelter.close.occupied", nextOccupancy);
        }
        int expected = version == null ? current.version() : version;
        if (jdbc.sql("update resource_shelter set is_open = :o, occupancy = :n, version = version + 1 where id = :id and version = :v")
                .param("o", nextOpen).param("n", nextOccupancy).param("id", id).param("v", expected).update() == 0) {
            throw Problem.conflict("problem.version.stale");
        }
        audit.record("shelter.occupancy", "resource_shelter", String.valueOf(id), current.regionCode(), Map.of(
                "open", Arrays.asList(current.open(), nextOpen), "occupancy", Arrays.asList(current.occupancy(), nextOccupancy)));
        return visible(id).orElseThrow();
    }

    /** resource:write, and no enterprise account: shelters are the government's (checked before the shelter is looked up). */
    private void requireWrite() {
        if (!callers.isSystem()) {
            callers.requirePermission(Permissions.RESOURCE_WRITE);
            if (callers.scope().enterpriseId() != null) {
                throw Problem.forbidden();
            }
        }
    }

    private record Checked(String name, Shelter.Level level, Shelter.Kind kind, String region, String address, double longitude,
                           double latitude, int capacity, @Nullable BigDecimal area, @Nullable String facilities, boolean open,
                           int occupancy, String manager, String phone) {
    }

    private Checked check(Shelter.Draft d, @Nullable Shelter current) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = Warehouses.text(d.name(), "name", 128, true, problems);
        Shelter.Level level = Warehouses.parse(Shelter.Level.class, d.level(), "level", "resource.shelter.level.invalid", problems);
        Shelter.Kind kind = Warehouses.parse(Shelter.Kind.class, d.kind(), "kind", "resource.shelter.kind.invalid", problems);
        RegionCode region = null;
        if (d.regionCode() == null || !RegionCode.isValid(d.regionCode()) || regions.find(RegionCode.of(d.regionCode())).isEmpty()) {
            problems.add(Problem.unknownRegion(null, "regionCode", d.regionCode()));
        } else {
            region = RegionCode.of(d.regionCode());
            if (level != null && region.level() != level.regionLevel) {
                problems.add(new FieldProblem("level", "resource.shelter.level.region", level.nameZh));
            }
        }
        String address = Warehouses.text(d.address(), "address", 256, true, problems);
        if (d.longitude() == null || d.latitude() == null) {
            problems.add(new FieldProblem(d.longitude() == null ? "longitude" : "latitude", "resource.place.required"));
        } else {
            problems.addAll(GeoPoint.problemsOf(d.longitude(), d.latitude()));
        }
        if (d.capacity() == null || d.capacity() < 1 || d.capacity() > 1_000_000) {
            problems.add(new FieldProblem("capacity", "resource.shelter.capacity.invalid"));
        }
        if (d.usableAreaM2() != null && (d.usableAreaM2().signum() <= 0 || d.usableAreaM2().compareTo(new BigDecimal("100000000")) >= 0)) {
            problems.add(new FieldProblem("usableAreaM2", "resource.warehouse.capacity.invalid"));
        }
        String facilities = Warehouses.text(d.facilities(), "facilities", 512, false, problems);
        boolean open = d.open() == null ? current != null && current.open() : d.open();
        int occupancy = d.occupancy() == null ? (current == null ? 0 : current.occupancy()) : d.occupancy();
        if (occupancy < 0 || d.capacity() != null && occupancy > d.capacity()) {
            problems.add(new FieldProblem("occupancy", "resource.shelter.occupancy.invalid", String.valueOf(d.capacity())));
        }
        if (!open && occupancy > 0) {
            problems.add(new FieldProblem("open", "resource.shelter.close.occupied", occupancy));
        }
        String manager = Warehouses.text(d.manager(), "manager", 64, true, problems);
        String phone = d.managerPhone() == null ? null : d.managerPhone().strip();
        if (phone == null || !MobileNumber.isPhone(phone)) {
            problems.add(new FieldProblem("managerPhone", "enterprise.phone.invalid", String.valueOf(d.managerPhone())));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        if (!callers.scope().covers(COLUMNS, Objects.requireNonNull(region).value(), null, null)) {
            throw Problem.forbidden();
        }
        return new Checked(Objects.requireNonNull(name), Objects.requireNonNull(level), Objects.requireNonNull(kind), region.value(),
                Objects.requireNonNull(address), d.longitude(), d.latitude(), d.capacity(), d.usableAreaM2(), facilities, open,
                occupancy, Objects.requireNonNull(manager), Objects.requireNonNull(phone));
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Checked c) {
        return spec.param("name", c.name()).param("level", c.level().name()).param("kind", c.kind().name()).param("region", c.region())
                .param("address", c.address()).param("longitude", c.longitude()).param("latitude", c.latitude())
                .param("capacity", c.capacity()).param("area", c.area()).param("facilities", c.facilities()).param("open", c.open())
                .param("occupancy", c.occupancy()).param("manager", c.manager()).param("phone", c.phone());
    }

    static Shelter map(ResultSet rs, int n) throws SQLException {
        BigDecimal area = rs.getBigDecimal("usable_area_m2");
        return new Shelter(rs.getLong("id"), rs.getString("name"), Shelter.Level.valueOf(rs.getString("level")),
                Shelter.Kind.valueOf(rs.getString("kind")), rs.getString("region_code"), rs.getString("region_name"),
                rs.getString("address"), rs.getBigDecimal("longitude").doubleValue(), rs.getBigDecimal("latitude").doubleValue(),
                rs.getInt("capacity"), area == null ? null : area.stripTrailingZeros(), rs.getString("facilities"),
                rs.getBoolean("is_open"), rs.getInt("occupancy"), rs.getString("manager"), rs.getString("manager_phone"),
                rs.getInt("version"), UtcTimestamps.read(rs, "created_at"));
    }
}
