package io.yingji.enterprise.internal;

import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.enterprise.Enterprise;
import io.yingji.enterprise.EnterpriseSearch;
import io.yingji.enterprise.MapLayer;
import io.yingji.enterprise.MapPoint;
import io.yingji.shared.Industry;
import io.yingji.shared.PageOf;
import io.yingji.shared.RegionCode;
import io.yingji.shared.SortOrder;
import io.yingji.shared.UtcTimestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Enterprise rows. Reads go through {@link ScopedQueries}; the few unscoped methods answer only
 * yes/no questions that must look across scopes (is this credit code taken anywhere, does this id exist).
 */
@Repository
class EnterpriseRepository {

    static final ScopeColumns COLUMNS = new ScopeColumns("e.region_code", "e.industry", "e.id");

    private static final String SELECT = """
            select e.*, r.name as region_name,
                   exists (select 1 from major_hazard_source m where m.enterprise_id = e.id and m.grade is not null) as major_hazard
            from enterprise e join region r on r.code = e.region_code""";

    private static final String COLUMN_LIST = """
            credit_code, name, industry, above_scale, address, longitude, latitude, region_code, supervising_department_id,
            legal_representative, legal_representative_phone, safety_manager, safety_manager_phone, employees,
            hazchem_production, hazchem_operation, hazchem_storage, hazchem_use, three_places_three_enterprises,
            micro_park_member""";

    private static final String VALUE_LIST = """
            :creditCode, :name, :industry, :aboveScale, :address, :longitude, :latitude, :regionCode, :department,
            :legalRepresentative, :legalPhone, :safetyManager, :safetyPhone, :employees,
            :hazchemProduction, :hazchemOperation, :hazchemStorage, :hazchemUse, :threePlaces, :microPark""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final ScopedQueries scoped;

    EnterpriseRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batches, ScopedQueries scoped) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.scoped = scoped;
    }

    Optional<Enterprise> findVisible(long id) {
        return scoped.sql(SELECT + " where {scope} and e.id = :id", COLUMNS).param("id", id)
                .query(EnterpriseRepository::map).optional();
    }

    boolean hasHazardSource(long enterpriseId, long hazardSourceId) {
        return jdbc.sql("select count(*) from major_hazard_source where id = :id and enterprise_id = :enterprise")
                .param("id", hazardSourceId).param("enterprise", enterpriseId).query(Long.class).single() > 0;
    }

    /** Which of these credit codes are already registered, anywhere: codes are unique nationwide. */
    Set<String> takenCreditCodes(Collection<String> codes) {
        Set<String> taken = new HashSet<>();
        List<String> all = new ArrayList<>(codes);
        for (int from = 0; from < all.size(); from += 1000) {
            taken.addAll(jdbc.sql("select credit_code from enterprise where credit_code in (:codes)")
                    .param("codes", all.subList(from, Math.min(all.size(), from + 1000)))
                    .query(String.class).list());
        }
        return taken;
    }

    Optional<Long> idOfCreditCode(String creditCode) {
        return jdbc.sql("select id from enterprise where credit_code = :code").param("code", creditCode)
                .query(Long.class).optional();
    }

    /** The WHERE clause of a search: always the scope marker, then the filters that are set. */
    private record Where(String sql, Map<String, Object> params) {

        static Where of(EnterpriseSearch search) {
            StringBuilder where = new StringBuilder(" where {scope}");
            Map<String, Object> params = new LinkedHashMap<>();
            if (search.regionCode() != null) {
                where.append(" and e.region_code like :region");
                params.put("region", RegionCode.of(search.regionCode()).subtreeLikePattern());
            }
            if (search.industry() != null) {
                where.append(" and e.industry = :industry");
                params.put("industry", search.industry().name());
            }
            if (search.text() != null && !search.text().isBlank()) {
                where.append(" and (e.name like :text or e.credit_code = :code)");
                params.put("text", "%" + escapeLike(search.text().trim()) + "%");
                params.put("code", search.text().trim().toUpperCase());
            }
            if (search.majorHazard() != null) {
                where.append(search.majorHazard() ? " and " : " and not ").append(MAJOR_HAZARD);
            }
            return new Where(where.toString(), params);
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
            params.forEach(spec::param);
            return spec;
        }
    }

    private static final String MAJOR_HAZARD =
            "exists (select 1 from major_hazard_source m where m.enterprise_id = e.id and m.grade is not null)";

    /** What the list sorts by: its visible columns. */
    static final SortOrder SORT = SortOrder.of(Map.of(
            "name", "e.name", "creditCode", "e.credit_code", "industry", "e.industry", "region", "r.name",
            "safetyManager", "e.safety_manager", "employees", "e.employees", "createdAt", "e.created_at"), "e.id");

    PageOf<Enterprise> search(EnterpriseSearch search, int page, int size) {
        String order = SORT.orderBy(search.sort());
        Where where = Where.of(search);
        long total = where.bind(scoped.sql("select count(*) from enterprise e" + where.sql(), COLUMNS))
                .query(Long.class).single();
        List<Enterprise> content = where.bind(scoped.sql(SELECT + where.sql() + order + " limit :limit offset :offset", COLUMNS))
                .param("limit", size).param("offset", (long) page * size)
                .query(EnterpriseRepository::map).list();
        return PageOf.of(content, page, size, total);
    }

    /** Every enterprise in scope matching the filters, as a map point; the map shows a whole district at once. */
    List<MapPoint> mapPoints(EnterpriseSearch search, int limit) {
        Where where = Where.of(search);
        return where.bind(scoped.sql("select e.id, e.name, e.industry, e.longitude, e.latitude, e.region_code, "
                        + MAJOR_HAZARD + " as major_hazard from enterprise e" + where.sql() + " order by e.id limit :limit", COLUMNS))
                .param("limit", limit)
                .query((rs, n) -> new MapPoint(rs.getLong("id"), rs.getString("name"), Industry.valueOf(rs.getString("industry")),
                        rs.getDouble("longitude"), rs.getDouble("latitude"), rs.getString("region_code"),
                        rs.getBoolean("major_hazard")))
                .list();
    }

    /**
     * The same points by column, read straight into the arrays the layer endpoint sends (no object per
     * point on the way).
     */
    MapLayer mapLayer(EnterpriseSearch search, int limit) {
        Where where = Where.of(search);
        List<Long> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> industries = new ArrayList<>();
        List<Double> longitudes = new ArrayList<>();
        List<Double> latitudes = new ArrayList<>();
        List<String> regionCodes = new ArrayList<>();
        List<Boolean> major = new ArrayList<>();
        where.bind(scoped.sql("select e.id, e.name, e.industry, e.longitude, e.latitude, e.region_code, "
                        + MAJOR_HAZARD + " as major_hazard from enterprise e" + where.sql() + " order by e.id limit :limit", COLUMNS))
                .param("limit", limit)
                .query(rs -> {
                    ids.add(rs.getLong(1));
                    names.add(rs.getString(2));
                    industries.add(rs.getString(3));
                    longitudes.add(MapLayer.coordinate(rs.getDouble(4)));
                    latitudes.add(MapLayer.coordinate(rs.getDouble(5)));
                    regionCodes.add(rs.getString(6));
                    major.add(rs.getBoolean(7));
                });
        int n = ids.size();
        long[] id = new long[n];
        double[] longitude = new double[n];
        double[] latitude = new double[n];
        boolean[] majorHazard = new boolean[n];
        for (int i = 0; i < n; i++) {
            id[i] = ids.get(i);
            longitude[i] = longitudes.get(i);
            latitude[i] = latitudes.get(i);
            majorHazard[i] = major.get(i);
        }
        return new MapLayer(n, id, names.toArray(String[]::new), industries.toArray(String[]::new), longitude, latitude,
                regionCodes.toArray(String[]::new), majorHazard);
    }

    /** How many enterprises in scope per industry, and how many with a major hazard source. */
    Map<String, Long> countsByIndustry(@Nullable String regionCode) {
        Where where = Where.of(new EnterpriseSearch(regionCode, null, null, null));
        Map<String, Long> counts = new LinkedHashMap<>();
        where.bind(scoped.sql("select e.industry, count(*) as n from enterprise e" + where.sql() + " group by e.industry", COLUMNS))
                .query(rs -> {
                    counts.put(rs.getString("industry"), rs.getLong("n"));
                });
        Where major = Where.of(new EnterpriseSearch(regionCode, null, null, true));
        counts.put("MAJOR_HAZARD", major.bind(scoped.sql("select count(*) from enterprise e" + major.sql(), COLUMNS))
                .query(Long.class).single());
        return counts;
    }

    long insert(Row row, Instant now) {
        var spec = jdbc.sql("insert into enterprise (" + COLUMN_LIST + ", version, created_at, updated_at) values ("
                + VALUE_LIST + ", 0, :now, :now)");
        bind(row, spec::param);
        spec.param("now", UtcTimestamps.of(now));
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        spec.update(keys, "id");
        layerChanged();
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Inserts many rows in JDBC batches (the import and the demo city). */
    void insertAll(List<Row> rows, Instant now) {
        String sql = "insert into enterprise (" + COLUMN_LIST + ", version, created_at, updated_at) values ("
                + VALUE_LIST + ", 0, :now, :now)";
        for (int from = 0; from < rows.size(); from += 500) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + 500));
            MapSqlParameterSource[] batch = chunk.stream().map(row -> {
                var source = new MapSqlParameterSource();
                bind(row, source::addValue);
                source.addValue("now", UtcTimestamps.of(now));
                return source;
            }).toArray(MapSqlParameterSource[]::new);
            batches.batchUpdate(sql, batch);
        }
        if (!rows.isEmpty()) {
            layerChanged();
        }
    }

    /** Updates when the stored version still is {@code expectedVersion}; answers the rows changed (0 or 1). */
    int update(long id, Row row, int expectedVersion, Instant now) {
        var spec = jdbc.sql("""
                update enterprise set credit_code = :creditCode, name = :name, industry = :industry,
                    above_scale = :aboveScale, address = :address, longitude = :longitude, latitude = :latitude,
                    region_code = :regionCode, supervising_department_id = :department,
                    legal_representative = :legalRepresentative, legal_representative_phone = :legalPhone,
                    safety_manager = :safetyManager, safety_manager_phone = :safetyPhone, employees = :employees,
                    hazchem_production = :hazchemProduction, hazchem_operation = :hazchemOperation,
                    hazchem_storage = :hazchemStorage, hazchem_use = :hazchemUse,
                    three_places_three_enterprises = :threePlaces, micro_park_member = :microPark,
                    version = version + 1, updated_at = :now
                where id = :id and version = :version""");
        bind(row, spec::param);
        int changed = spec.param("now", UtcTimestamps.of(now)).param("id", id).param("version", expectedVersion).update();
        if (changed > 0) {
            layerChanged();
        }
        return changed;
    }

    /**
     * Raises the map layer's version in the caller's transaction: every write that changes what the one
     * map's enterprise layer shows calls it, so the servers' cached layers (shared/LayerCache) are read
     * again at the next map request, on every instance.
     */
    void layerChanged() {
        jdbc.sql("update enterprise_layer_version set version = version + 1 where id = 1").update();
    }

    /** The map layer's version (committed): read before the layer's rows. */
    long layerVersion() {
        return jdbc.sql("select version from enterprise_layer_version where id = 1").query(Long.class).single();
    }


    private static void bind(Row row, BiConsumer<String, Object> param) {
        param.accept("creditCode", row.creditCode());
        param.accept("name", row.name());
        param.accept("industry", row.industry().name());
        param.accept("aboveScale", row.aboveScale());
        param.accept("address", row.address());
        param.accept("longitude", row.longitude());
        param.accept("latitude", row.latitude());
        param.accept("regionCode", row.regionCode());
        param.accept("department", row.supervisingDepartmentId());
        param.accept("legalRepresentative", row.legalRepresentative());
        param.accept("legalPhone", row.legalRepresentativePhone());
        param.accept("safetyManager", row.safetyManager());
        param.accept("safetyPhone", row.safetyManagerPhone());
        param.accept("employees", row.employees());
        param.accept("hazchemProduction", row.hazchemProduction());
        param.accept("hazchemOperation", row.hazchemOperation());
        param.accept("hazchemStorage", row.hazchemStorage());
        param.accept("hazchemUse", row.hazchemUse());
        param.accept("threePlaces", row.threePlacesThreeEnterprises());
        param.accept("microPark", row.microParkMember());
    }

    static Enterprise map(ResultSet rs, int n) throws SQLException {
        return new Enterprise(rs.getLong("id"), rs.getString("credit_code"), rs.getString("name"),
                Industry.valueOf(rs.getString("industry")), rs.getBoolean("above_scale"), rs.getString("address"),
                rs.getDouble("longitude"), rs.getDouble("latitude"), rs.getString("region_code"), rs.getString("region_name"),
                rs.getObject("supervising_department_id", Long.class), rs.getString("legal_representative"),
                rs.getString("legal_representative_phone"), rs.getString("safety_manager"), rs.getString("safety_manager_phone"),
                rs.getObject("employees", Integer.class), rs.getBoolean("hazchem_production"), rs.getBoolean("hazchem_operation"),
                rs.getBoolean("hazchem_storage"), rs.getBoolean("hazchem_use"), rs.getBoolean("three_places_three_enterprises"),
                rs.getBoolean("micro_park_member"), rs.getBoolean("major_hazard"), rs.getInt("version"),
                UtcTimestamps.read(rs, "created_at"), UtcTimestamps.read(rs, "updated_at"));
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    List<io.yingji.enterprise.EnterpriseRegistry.SafetyContact> safetyContacts(io.yingji.shared.RegionCode region) {
        return jdbc.sql("""
                select e.id, e.name, e.safety_manager, e.safety_manager_phone, e.region_code, e.longitude, e.latitude
                  from enterprise e where e.region_code like :region order by e.id""")
                .param("region", region.subtreeLikePattern())
                .query((rs, n) -> new io.yingji.enterprise.EnterpriseRegistry.SafetyContact(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getDouble(6), rs.getDouble(7)))
                .list();
    }
}
