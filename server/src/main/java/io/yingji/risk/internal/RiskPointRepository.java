package io.yingji.risk.internal;

import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.risk.RiskGrading;
import io.yingji.risk.RiskLevel;
import io.yingji.risk.RiskPoint;
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

@Repository
class RiskPointRepository {

    static final ScopeColumns COLUMNS = new ScopeColumns("p.region_code", "p.industry", "p.enterprise_id");

    private static final String SELECT = "select p.*, e.name as enterprise_name from risk_point p join enterprise e on e.id = p.enterprise_id";

    /** One assessment: the method, its inputs and the grade. */
    record Assessment(RiskGrading.Method method, BigDecimal l, @Nullable BigDecimal e, @Nullable BigDecimal c,
                      @Nullable BigDecimal s, RiskGrading.Grade grade, Instant at, String by) {
    }

    /** What describes a risk point besides its assessment. */
    record Description(String name, @Nullable String location, String category, @Nullable String hazardFactors,
                       String controlMeasures, String responsiblePerson, String responsiblePhone) {
    }

    record HistoryEntry(String method, BigDecimal l, @Nullable BigDecimal e, @Nullable BigDecimal c, @Nullable BigDecimal s,
                        BigDecimal score, RiskLevel level, Instant assessedAt, String assessedBy, @Nullable String comment) {
    }

    private final JdbcClient jdbc;
    private final ScopedQueries scoped;

    RiskPointRepository(JdbcClient jdbc, ScopedQueries scoped) {
        this.jdbc = jdbc;
        this.scoped = scoped;
    }

    Optional<RiskPoint> findVisible(long id) {
        return scoped.sql(SELECT + " where {scope} and p.id = :id", COLUMNS).param("id", id).query(RiskPointRepository::map).optional();
    }

    boolean exists(long id) {
        return jdbc.sql("select count(*) from risk_point where id = :id").param("id", id).query(Long.class).single() > 0;
    }

    List<RiskPoint> ofEnterprise(long enterpriseId) {
        return scoped.sql(SELECT + " where {scope} and p.enterprise_id = :id order by p.id", COLUMNS)
                .param("id", enterpriseId).query(RiskPointRepository::map).list();
    }

    /** The level as a rank, 红 first: the list's default order and its {@code level} sort key. */
    private static final String LEVEL_RANK = "case p.level when 'RED' then 0 when 'ORANGE' then 1 when 'YELLOW' then 2 else 3 end";

    /** The level as a severity: ascending is 蓝 to 红 (the {@code level} sort key). */
    private static final String SEVERITY = "case p.level when 'RED' then 3 when 'ORANGE' then 2 when 'YELLOW' then 1 else 0 end";

    /** What the risk point list sorts by: its visible columns; by default the highest level first. */
    static final io.yingji.shared.SortOrder SORT = io.yingji.shared.SortOrder.of(Map.of(
            "name", "p.name", "enterprise", "e.name", "category", "p.category", "method", "p.method", "score", "p.score",
            "level", SEVERITY, "responsiblePerson", "p.responsible_person", "assessedAt", "p.assessed_at"),
            LEVEL_RANK + ", p.id");

    PageOf<RiskPoint> search(@Nullable String regionCode, @Nullable RiskLevel level, @Nullable String sort, int page, int size) {
        String order = SORT.orderBy(sort);
        StringBuilder where = new StringBuilder(" where {scope}");
        Map<String, Object> params = new LinkedHashMap<>();
        if (regionCode != null) {
            where.append(" and p.region_code like :region");
            params.put("region", RegionCode.of(regionCode).subtreeLikePattern());
        }
        if (level != null) {
            where.append(" and p.level = :level");
            params.put("level", level.name());
        }
        var count = scoped.sql("select count(*) from risk_point p" + where, COLUMNS);
        params.forEach(count::param);
        var select = scoped.sql(SELECT + where + order + " limit :limit offset :offset", COLUMNS);
        params.forEach(select::param);
        List<RiskPoint> content = select.param("limit", size).param("offset", (long) page * size)
                .query(RiskPointRepository::map).list();
        return PageOf.of(content, page, size, count.query(Long.class).single());
    }

    /** The highest level per enterprise among the points in scope. */
    Map<Long, RiskLevel> highestLevels(@Nullable String regionCode) {
        var select = scoped.sql("""
                select p.enterprise_id, min(case p.level when 'RED' then 0 when 'ORANGE' then 1 when 'YELLOW' then 2 else 3 end) as rank
                from risk_point p where {scope}""" + (regionCode == null ? "" : " and p.region_code like :region")
                + " group by p.enterprise_id", COLUMNS);
        if (regionCode != null) {
            select.param("region", RegionCode.of(regionCode).subtreeLikePattern());
        }
        Map<Long, RiskLevel> levels = new LinkedHashMap<>();
        select.query(rs -> {
            levels.put(rs.getLong("enterprise_id"), RiskLevel.values()[rs.getInt("rank")]);
        });
        return levels;
    }

    Optional<RiskLevel> highestLevelOf(long enterpriseId) {
        return jdbc.sql("""
                select min(case level when 'RED' then 0 when 'ORANGE' then 1 when 'YELLOW' then 2 else 3 end)
                from risk_point where enterprise_id = :id""")
                .param("id", enterpriseId).query(Integer.class).optional().map(rank -> RiskLevel.values()[rank]);
    }

    long insert(long enterpriseId, String regionCode, String industry, Description d, Assessment a) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into risk_point (enterprise_id, region_code, industry, name, location, category, hazard_factors,
                    method, l_value, e_value, c_value, s_value, score, level, control_measures, responsible_person,
                    responsible_phone, assessed_at, assessed_by, created_at)
                values (:enterprise, :region, :industry, :name, :location, :category, :factors, :method, :l, :e, :c, :s,
                    :score, :level, :measures, :person, :phone, :at, :by, :at)""")
                .param("enterprise", enterpriseId).param("region", regionCode).param("industry", industry)
                .param("name", d.name()).param("location", d.location()).param("category", d.category())
                .param("factors", d.hazardFactors()).param("measures", d.controlMeasures())
                .param("person", d.responsiblePerson()).param("phone", d.responsiblePhone())
                .param("method", a.method().name()).param("l", a.l()).param("e", a.e()).param("c", a.c()).param("s", a.s())
                .param("score", a.grade().score()).param("level", a.grade().level().name())
                .param("at", UtcTimestamps.of(a.at())).param("by", a.by())
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        history(id, a, null);
        return id;
    }

    int describe(long id, Description d, int expectedVersion) {
        return jdbc.sql("""
                update risk_point set name = :name, location = :location, category = :category, hazard_factors = :factors,
                    control_measures = :measures, responsible_person = :person, responsible_phone = :phone,
                    version = version + 1
                where id = :id and version = :version""")
                .param("name", d.name()).param("location", d.location()).param("category", d.category())
                .param("factors", d.hazardFactors()).param("measures", d.controlMeasures())
                .param("person", d.responsiblePerson()).param("phone", d.responsiblePhone())
                .param("id", id).param("version", expectedVersion).update();
    }

    /** Stores a new assessment when the stored version still is {@code expectedVersion}; answers the rows changed (0 or 1). */
    int reassess(long id, Assessment a, @Nullable String comment, int expectedVersion) {
        int changed = jdbc.sql("""
                update risk_point set method = :method, l_value = :l, e_value = :e, c_value = :c, s_value = :s,
                    score = :score, level = :level, assessed_at = :at, assessed_by = :by, version = version + 1
                where id = :id and version = :version""")
                .param("method", a.method().name()).param("l", a.l()).param("e", a.e()).param("c", a.c()).param("s", a.s())
                .param("score", a.grade().score()).param("level", a.grade().level().name())
                .param("at", UtcTimestamps.of(a.at())).param("by", a.by()).param("id", id).param("version", expectedVersion)
                .update();
        if (changed > 0) {
            history(id, a, comment);
        }
        return changed;
    }

    List<HistoryEntry> history(long id) {
        return jdbc.sql("select * from risk_assessment where risk_point_id = :id order by id desc").param("id", id)
                .query((rs, n) -> new HistoryEntry(rs.getString("method"), rs.getBigDecimal("l_value"),
                        rs.getBigDecimal("e_value"), rs.getBigDecimal("c_value"), rs.getBigDecimal("s_value"),
                        rs.getBigDecimal("score"), RiskLevel.valueOf(rs.getString("level")),
                        UtcTimestamps.read(rs, "assessed_at"), rs.getString("assessed_by"), rs.getString("comment")))
                .list();
    }

    private void history(long id, Assessment a, @Nullable String comment) {
        jdbc.sql("""
                insert into risk_assessment (risk_point_id, method, l_value, e_value, c_value, s_value, score, level,
                    assessed_at, assessed_by, comment)
                values (:point, :method, :l, :e, :c, :s, :score, :level, :at, :by, :comment)""")
                .param("point", id).param("method", a.method().name()).param("l", a.l()).param("e", a.e())
                .param("c", a.c()).param("s", a.s()).param("score", a.grade().score())
                .param("level", a.grade().level().name()).param("at", UtcTimestamps.of(a.at())).param("by", a.by())
                .param("comment", comment).update();
    }

    static RiskPoint map(ResultSet rs, int n) throws SQLException {
        return new RiskPoint(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getString("enterprise_name"),
                rs.getString("region_code"), rs.getString("name"), rs.getString("location"), rs.getString("category"),
                rs.getString("hazard_factors"), rs.getString("method"), rs.getBigDecimal("l_value"),
                rs.getBigDecimal("e_value"), rs.getBigDecimal("c_value"), rs.getBigDecimal("s_value"),
                rs.getBigDecimal("score"), RiskLevel.valueOf(rs.getString("level")), rs.getString("control_measures"),
                rs.getString("responsible_person"), rs.getString("responsible_phone"),
                UtcTimestamps.read(rs, "assessed_at"), rs.getString("assessed_by"), rs.getInt("version"));
    }
}
