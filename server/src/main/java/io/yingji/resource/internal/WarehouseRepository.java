package io.yingji.resource.internal;

import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.shared.PageOf;
import io.yingji.shared.RegionCode;
import io.yingji.shared.UtcTimestamps;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Warehouses within the caller's scope. A government warehouse belongs to its region only (an industry department
 * or an enterprise account sees none); an agreement or capacity reserve carries its enterprise and that
 * enterprise's industry, so the enterprise and its supervisors see it.
 */
@Repository
class WarehouseRepository {

    static final ScopeColumns COLUMNS = new ScopeColumns("w.region_code", "w.industry", "w.enterprise_id");

    private static final String SELECT = """
            select w.*, r.name as region_name, e.name as enterprise_name from resource_warehouse w
            join region r on r.code = w.region_code left join enterprise e on e.id = w.enterprise_id""";

    /** A warehouse's fields as checked, ready to store. */
    record Fields(String name, Warehouse.Level level, String regionCode, Warehouse.Ownership ownership,
                  @Nullable Long enterpriseId, @Nullable String industry, @Nullable String address,
                  @Nullable Double longitude, @Nullable Double latitude, @Nullable BigDecimal capacityM2,
                  String keeper, String keeperPhone) {
    }

    record Search(@Nullable String regionCode, Warehouse.@Nullable Level level, Warehouse.@Nullable Ownership ownership,
                  @Nullable String q) {
    }

    private final JdbcClient jdbc;
    private final ScopedQueries scoped;

    WarehouseRepository(JdbcClient jdbc, ScopedQueries scoped) {
        this.jdbc = jdbc;
        this.scoped = scoped;
    }

    Optional<Warehouse> findVisible(long id) {
        return scoped.sql(SELECT + " where {scope} and w.id = :id", COLUMNS).param("id", id)
                .query(WarehouseRepository::map).optional();
    }

    /** The warehouse locked for a ledger change, if the caller may see it. */
    Optional<Warehouse> lockVisible(long id) {
        Optional<Long> visible = scoped.sql("select w.id from resource_warehouse w where {scope} and w.id = :id", COLUMNS)
                .param("id", id).query(Long.class).optional();
        visible.ifPresent(this::lock);
        return visible.flatMap(this::findVisible);
    }

    /**
     * Locks a warehouse reached through a record the caller may see (the other end of a transfer it sees); the
     * ledger's changes of one warehouse follow each other through this lock.
     */
    void lock(long id) {
        jdbc.sql("select id from resource_warehouse where id = :id for update").param("id", id).query(Long.class).single();
    }

    /** A warehouse's name whoever asks (the other end of a transfer is named, never shown). */
    Optional<String> nameOf(long id) {
        return jdbc.sql("select name from resource_warehouse where id = :id").param("id", id).query(String.class).optional();
    }

    PageOf<Warehouse> search(Search search, int page, int size) {
        StringBuilder where = new StringBuilder(" where {scope}");
        Map<String, Object> params = new LinkedHashMap<>();
        if (search.regionCode() != null) {
            where.append(" and w.region_code like :region");
            params.put("region", RegionCode.of(search.regionCode()).subtreeLikePattern());
        }
        if (search.level() != null) {
            where.append(" and w.level = :level");
            params.put("level", search.level().name());
        }
        if (search.ownership() != null) {
            where.append(" and w.ownership = :ownership");
            params.put("ownership", search.ownership().name());
        }
        if (search.q() != null && !search.q().isBlank()) {
            where.append(" and (w.name like :q or w.keeper like :q)");
            params.put("q", "%" + search.q().strip() + "%");
        }
        var count = scoped.sql("select count(*) from resource_warehouse w" + where, COLUMNS);
        params.forEach(count::param);
        var select = scoped.sql(SELECT + where + " order by case w.level when 'CITY' then 0 when 'COUNTY' then 1 "
                + "when 'TOWNSHIP' then 2 else 3 end, w.region_code, w.id limit :limit offset :offset", COLUMNS);
        params.forEach(select::param);
        List<Warehouse> content = select.param("limit", size).param("offset", (long) page * size)
                .query(WarehouseRepository::map).list();
        return PageOf.of(content, page, size, count.query(Long.class).single());
    }

    long insert(Fields f, Instant at, String by) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        bind(jdbc.sql("""
                insert into resource_warehouse (name, level, region_code, ownership, enterprise_id, industry, address,
                    longitude, latitude, capacity_m2, keeper, keeper_phone, created_at, created_by)
                values (:name, :level, :region, :ownership, :enterprise, :industry, :address, :longitude, :latitude,
                    :capacity, :keeper, :phone, :at, :by)"""), f)
                .param("at", UtcTimestamps.of(at)).param("by", by)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Changes a warehouse if it is still at {@code version}; 0 when another change came first. */
    int update(long id, Fields f, int version) {
        return bind(jdbc.sql("""
                update resource_warehouse set name = :name, level = :level, region_code = :region, ownership = :ownership,
                    enterprise_id = :enterprise, industry = :industry, address = :address, longitude = :longitude,
                    latitude = :latitude, capacity_m2 = :capacity, keeper = :keeper, keeper_phone = :phone,
                    version = version + 1
                where id = :id and version = :version"""), f)
                .param("id", id).param("version", version).update();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Fields f) {
        return spec.param("name", f.name()).param("level", f.level().name()).param("region", f.regionCode())
                .param("ownership", f.ownership().name()).param("enterprise", f.enterpriseId()).param("industry", f.industry())
                .param("address", f.address()).param("longitude", f.longitude()).param("latitude", f.latitude())
                .param("capacity", f.capacityM2()).param("keeper", f.keeper()).param("phone", f.keeperPhone());
    }

    static Warehouse map(ResultSet rs, int n) throws SQLException {
        BigDecimal longitude = rs.getBigDecimal("longitude");
        BigDecimal latitude = rs.getBigDecimal("latitude");
        BigDecimal capacity = rs.getBigDecimal("capacity_m2");
        return new Warehouse(rs.getLong("id"), rs.getString("name"), Warehouse.Level.valueOf(rs.getString("level")),
                rs.getString("region_code"), rs.getString("region_name"), Warehouse.Ownership.valueOf(rs.getString("ownership")),
                (Long) rs.getObject("enterprise_id", Long.class), rs.getString("enterprise_name"), rs.getString("address"),
                longitude == null ? null : longitude.doubleValue(), latitude == null ? null : latitude.doubleValue(),
                capacity == null ? null : capacity.stripTrailingZeros(), rs.getString("keeper"), rs.getString("keeper_phone"),
                rs.getInt("version"), UtcTimestamps.read(rs, "created_at"));
    }
}
