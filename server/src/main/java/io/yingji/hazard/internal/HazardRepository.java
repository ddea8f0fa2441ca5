package io.yingji.hazard.internal;

import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.hazard.SupervisionLevel;
import io.yingji.shared.PageOf;
import io.yingji.shared.RegionCode;
import io.yingji.shared.SortOrder;
import io.yingji.shared.UtcTimestamps;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class HazardRepository {

    static final ScopeColumns COLUMNS = new ScopeColumns("h.region_code", "h.industry", "h.enterprise_id");

    /** A hazard as the API shows it. */
    record HazardView(long id, String trackingCode, String source, String status, String title, String description,
                      String regionCode, String regionName, @Nullable String industry, @Nullable Long enterpriseId,
                      @Nullable String enterpriseName, @Nullable Double longitude, @Nullable Double latitude,
                      @Nullable String reporterName, @Nullable String grade, @Nullable String category,
                      @Nullable String responsibleUnit, @Nullable LocalDate deadline, @Nullable String supervisingLevel,
                      int escalations, boolean overdue, Instant reportedAt, @Nullable Instant closedAt, int version,
                      @Nullable String sourceRef) {
    }

    /** {@code actorName}: the person's name as the accounts know it (with their office), null for the public or a removed account. */
    record HistoryEntry(long id, String action, @Nullable String fromStatus, String toStatus, String actor, Instant occurredAt,
                        @Nullable String comment, List<Long> attachmentIds, @Nullable String actorName) {
    }

    record NewHazard(String trackingCode, String source, String title, String description, String regionCode,
                     @Nullable String industry, @Nullable Long enterpriseId, @Nullable Double longitude,
                     @Nullable Double latitude, @Nullable Long reporterId, @Nullable String reporterName,
                     @Nullable String reporterPhone) {
    }

    private static final String SELECT = """
            select h.*, r.name as region_name, r.level as region_level, e.name as enterprise_name
            from hazard h join region r on r.code = h.region_code left join enterprise e on e.id = h.enterprise_id""";

    private final JdbcClient jdbc;
    private final ScopedQueries scoped;

    HazardRepository(JdbcClient jdbc, ScopedQueries scoped) {
        this.jdbc = jdbc;
        this.scoped = scoped;
    }

    long insert(NewHazard h, Instant at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into hazard (tracking_code, source, status, title, description, region_code, industry, enterprise_id,
                    longitude, latitude, reporter_id, reporter_name, reporter_phone, reported_at)
                values (:code, :source, 'REPORTED', :title, :description, :region, :industry, :enterprise, :lon, :lat,
                    :reporterId, :reporterName, :reporterPhone, :at)""")
                .param("code", h.trackingCode()).param("source", h.source()).param("title", h.title())
                .param("description", h.description()).param("region", h.regionCode()).param("industry", h.industry())
                .param("enterprise", h.enterpriseId()).param("lon", h.longitude()).param("lat", h.latitude())
                .param("reporterId", h.reporterId()).param("reporterName", h.reporterName())
                .param("reporterPhone", h.reporterPhone()).param("at", UtcTimestamps.of(at))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<HazardView> findVisible(long id) {
        return scoped.sql(SELECT + " where {scope} and h.id = :id", COLUMNS).param("id", id).query(HazardRepository::view).optional();
    }

    /** The hazard as a model, for a state change; only after it was found in scope. */
    Optional<Hazard> load(long id) {
        return jdbc.sql("select h.*, r.level as region_level from hazard h join region r on r.code = h.region_code where h.id = :id")
                .param("id", id).query(HazardRepository::model).optional();
    }

    boolean exists(long id) {
        return jdbc.sql("select count(*) from hazard where id = :id").param("id", id).query(Long.class).single() > 0;
    }

    boolean existsFrom(String sourceRef) {
        return jdbc.sql("select count(*) from hazard where source_ref = :ref").param("ref", sourceRef).query(Long.class).single() > 0;
    }

    void markSource(long id, String sourceRef) {
        jdbc.sql("update hazard set source_ref = :ref where id = :id").param("ref", sourceRef).param("id", id).update();
    }

    /** The hazard's view without a scope, for the platform's own jobs (reminders, supervision). */
    Optional<HazardView> view(long id) {
        return jdbc.sql(SELECT + " where h.id = :id").param("id", id).query(HazardRepository::view).optional();
    }

    /**
     * The public report with this tracking code. Only a report of the public is followed by its code:
     * staff records (patrols, inspections, monitoring) carry codes too, shown in staff lists, and must
     * not be readable or writable by anyone who holds one.
     */
    Optional<HazardView> publicReport(String code) {
        return jdbc.sql(SELECT + " where h.tracking_code = :code and h.source = 'PUBLIC_REPORT'").param("code", code)
                .query(HazardRepository::view).optional();
    }

    /** Saves a state change if nobody changed the hazard meanwhile; answers whether it did. */
    boolean save(Hazard h) {
        return jdbc.sql("""
                update hazard set status = :status, grade = :grade, category = :category, responsible_unit = :unit,
                    deadline = :deadline, supervising_level = :level, escalations = :escalations,
                    overdue_since = :overdueSince, closed_at = :closedAt, version = version + 1
                where id = :id and version = :version""")
                .param("status", h.status.name()).param("grade", h.grade == null ? null : h.grade.name())
                .param("category", h.category).param("unit", h.responsibleUnit)
                .param("deadline", h.deadline == null ? null : Date.valueOf(h.deadline))
                .param("level", h.supervisingLevel == null ? null : h.supervisingLevel.name())
                .param("escalations", h.escalations).param("overdueSince", UtcTimestamps.of(h.overdueSince))
                .param("closedAt", UtcTimestamps.of(h.closedAt)).param("id", h.id).param("version", h.version)
                .update() == 1;
    }

    /** Records a step in the history; answers the entry's id. */
    long record(long hazardId, Hazard.Transition transition, String actor, Instant at, @Nullable String comment) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into hazard_event (hazard_id, action, from_status, to_status, actor, occurred_at, comment)
                values (:id, :action, :from, :to, :actor, :at, :comment)""")
                .param("id", hazardId).param("action", transition.action())
                .param("from", transition.from() == null ? null : transition.from().name())
                .param("to", transition.to().name()).param("actor", actor).param("at", UtcTimestamps.of(at))
                .param("comment", comment).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /**
     * Names attachments of the hazard, not yet evidence of any step, as the evidence of {@code eventId};
     * answers false (and links none) when any of them is unknown or already taken.
     */
    boolean linkEvidence(long hazardId, long eventId, List<Long> attachmentIds) {
        List<Long> distinct = attachmentIds.stream().distinct().toList();
        long free = jdbc.sql("select count(*) from hazard_attachment where hazard_id = :h and event_id is null and id in (:ids)")
                .param("h", hazardId).param("ids", distinct).query(Long.class).single();
        if (free != distinct.size()) {
            return false;
        }
        jdbc.sql("update hazard_attachment set event_id = :e where hazard_id = :h and id in (:ids)")
                .param("e", eventId).param("h", hazardId).param("ids", distinct).update();
        return true;
    }

    List<HistoryEntry> history(long id) {
        Map<Long, List<Long>> evidence = new java.util.HashMap<>();
        jdbc.sql("select id, event_id from hazard_attachment where hazard_id = :id and event_id is not null order by id")
                .param("id", id).query(rs -> {
                    evidence.computeIfAbsent(rs.getLong("event_id"), e -> new java.util.ArrayList<>()).add(rs.getLong("id"));
                });
        return jdbc.sql("select e.*, u.display_name as actor_name from hazard_event e left join app_user u on u.username = e.actor"
                        + " where e.hazard_id = :id order by e.id").param("id", id)
                .query((rs, n) -> new HistoryEntry(rs.getLong("id"), rs.getString("action"), rs.getString("from_status"),
                        rs.getString("to_status"), rs.getString("actor"), UtcTimestamps.read(rs, "occurred_at"), rs.getString("comment"),
                        List.copyOf(evidence.getOrDefault(rs.getLong("id"), List.of())), rs.getString("actor_name")))
                .list();
    }

    /**
     * The filters of the hazard list (the caller's scope always applies on top); {@code sourceRef}
     * picks the hazard opened from one record, such as {@code alarm:42}.
     */
    record HazardSearch(@Nullable String regionCode, @Nullable String status, @Nullable String grade,
                        @Nullable Boolean overdue, @Nullable String sourceRef, @Nullable Long enterpriseId,
                        @Nullable String sort) {
    }

    /**
     * What the hazard list sorts by: its visible columns. Status follows the loop (待核实 first, then
     * 已核实 … 已销号, 不属实 last) and grade its weight (一般 before 重大), not the codes' alphabet.
     */
    static final SortOrder SORT = SortOrder.of(Map.of(
            "reportedAt", "h.reported_at", "deadline", "h.deadline", "title", "h.title",
            "grade", "case h.grade when 'GENERAL' then 1 when 'MAJOR' then 2 end",
            "status", "case h.status when 'REPORTED' then 1 when 'VERIFIED' then 2 when 'ASSIGNED' then 3"
                    + " when 'REMEDIATING' then 4 when 'REMEDIATED' then 5 when 'CLOSED' then 6 when 'DISMISSED' then 7 end",
            "source", "h.source", "region", "r.name", "enterprise", "e.name"), "h.id desc");

    PageOf<HazardView> search(HazardSearch search, int page, int size) {
        String order = SORT.orderBy(search.sort());
        StringBuilder where = new StringBuilder(" where {scope}");
        Map<String, Object> params = new LinkedHashMap<>();
        if (search.sourceRef() != null) {
            where.append(" and h.source_ref = :sourceRef");
            params.put("sourceRef", search.sourceRef());
        }
        if (search.regionCode() != null) {
            where.append(" and h.region_code like :region");
            params.put("region", RegionCode.of(search.regionCode()).subtreeLikePattern());
        }
        if (search.status() != null) {
            where.append(" and h.status = :status");
            params.put("status", search.status());
        }
        if (search.grade() != null) {
            where.append(" and h.grade = :grade");
            params.put("grade", search.grade());
        }
        if (search.overdue() != null) {
            where.append(search.overdue() ? " and h.overdue_since is not null" : " and h.overdue_since is null");
        }
        if (search.enterpriseId() != null) {
            where.append(" and h.enterprise_id = :enterprise");
            params.put("enterprise", search.enterpriseId());
        }
        var count = scoped.sql("select count(*) from hazard h" + where, COLUMNS);
        params.forEach(count::param);
        var select = scoped.sql(SELECT + where + order + " limit :limit offset :offset", COLUMNS);
        params.forEach(select::param);
        List<HazardView> content = select.param("limit", size).param("offset", (long) page * size)
                .query(HazardRepository::view).list();
        return PageOf.of(content, page, size, count.query(Long.class).single());
    }

    /**
     * An open hazard for the one map: its own location, else its enterprise's ({@code location} OWN /
     * ENTERPRISE); null coordinates when it has neither (the desk places it at its region's centre).
     */
    record MapHazard(long id, String title, String status, @Nullable String grade, boolean overdue, @Nullable Double longitude,
                     @Nullable Double latitude, String regionCode, String location) {
    }

    List<MapHazard> mapPoints(@Nullable String regionCode) {
        var query = scoped.sql("""
                select h.id, h.title, h.status, h.grade, h.overdue_since, h.region_code,
                       h.longitude as own_lon, h.latitude as own_lat, e.longitude as e_lon, e.latitude as e_lat
                  from hazard h left join enterprise e on e.id = h.enterprise_id
                 where {scope} and h.status not in ('CLOSED', 'DISMISSED')"""
                + (regionCode == null ? "" : " and h.region_code like :region") + " order by h.id", COLUMNS);
        if (regionCode != null) {
            query.param("region", RegionCode.of(regionCode).subtreeLikePattern());
        }
        return query.query((rs, n) -> {
            Double lon = rs.getObject("own_lon", Double.class);
            Double lat = rs.getObject("own_lat", Double.class);
            String location = "OWN";
            if (lon == null || lat == null) {
                lon = rs.getObject("e_lon", Double.class);
                lat = rs.getObject("e_lat", Double.class);
                location = "ENTERPRISE";
            }
            if (lon == null || lat == null) {
                lon = null;
                lat = null;
                location = "REGION";
            }
            return new MapHazard(rs.getLong("id"), rs.getString("title"), rs.getString("status"), rs.getString("grade"),
                    rs.getObject("overdue_since") != null, lon, lat, rs.getString("region_code"), location);
        }).list();
    }

    /** Locks the hazard's row until the transaction ends. */
    void lock(long hazardId) {
        jdbc.sql("select id from hazard where id = :id for update").param("id", hazardId).query(Long.class).single();
    }

    long publicAttachmentCount(long hazardId) {
        return jdbc.sql("select count(*) from hazard_attachment where hazard_id = :id and uploaded_by = 'public'")
                .param("id", hazardId).query(Long.class).single();
    }

    long attachmentCount(long hazardId) {
        return jdbc.sql("select count(*) from hazard_attachment where hazard_id = :id").param("id", hazardId)
                .query(Long.class).single();
    }

    /** Open hazards whose deadline day is over and that are not escalated for it yet (all regions: a job). */
    List<Long> overdueCandidates(LocalDate today) {
        return jdbc.sql("""
                select id from hazard where status not in ('CLOSED', 'DISMISSED') and deadline < :today and overdue_since is null
                order by id""")
                .param("today", Date.valueOf(today)).query(Long.class).list();
    }

    /**
     * Open hazards whose deadline falls between today and {@code until} (both included) and whose
     * people have not yet been reminded of this deadline (a changed deadline is reminded again).
     */
    List<Long> dueCandidates(LocalDate today, LocalDate until) {
        return jdbc.sql("""
                select id from hazard where status not in ('CLOSED', 'DISMISSED', 'REPORTED') and deadline >= :today
                   and deadline <= :until and (reminded_deadline is null or reminded_deadline <> deadline)
                order by id""")
                .param("today", Date.valueOf(today)).param("until", Date.valueOf(until)).query(Long.class).list();
    }

    /** Records that the people of a hazard were reminded of its current deadline; false if someone did first. */
    boolean markReminded(long id) {
        return jdbc.sql("""
                update hazard set reminded_deadline = deadline
                 where id = :id and (reminded_deadline is null or reminded_deadline <> deadline)""")
                .param("id", id).update() == 1;
    }

    /** Found / closed / overdue of one area (region subtree) reported within a period. */
    record AreaFigures(long found, long closed, long overdue) {
    }

    AreaFigures figures(String regionCode, Instant from, Instant to) {
        return scoped.sql("""
                select count(*) as found,
                       coalesce(sum(case when h.status = 'CLOSED' then 1 else 0 end), 0) as closed,
                       coalesce(sum(case when h.overdue_since is not null then 1 else 0 end), 0) as overdue
                from hazard h where {scope} and h.region_code like :region and h.reported_at >= :from and h.reported_at < :to""", COLUMNS)
                .param("region", RegionCode.of(regionCode).subtreeLikePattern())
                .param("from", UtcTimestamps.of(from)).param("to", UtcTimestamps.of(to))
                .query((rs, n) -> new AreaFigures(rs.getLong("found"), rs.getLong("closed"), rs.getLong("overdue")))
                .single();
    }

    /** Found / closed / overdue per industry ({@code NONE}: hazards of no enterprise), in scope, reported within the period. */
    Map<String, AreaFigures> figuresByIndustry(@Nullable String regionCode, Instant from, Instant to) {
        var select = scoped.sql("""
                select h.industry as k, count(*) as found,
                       coalesce(sum(case when h.status = 'CLOSED' then 1 else 0 end), 0) as closed,
                       coalesce(sum(case when h.overdue_since is not null then 1 else 0 end), 0) as overdue
                from hazard h where {scope} and h.reported_at >= :from and h.reported_at < :to"""
                + (regionCode == null ? "" : " and h.region_code like :region") + " group by h.industry order by found desc", COLUMNS);
        if (regionCode != null) {
            select.param("region", RegionCode.of(regionCode).subtreeLikePattern());
        }
        select.param("from", UtcTimestamps.of(from)).param("to", UtcTimestamps.of(to));
        Map<String, AreaFigures> figures = new LinkedHashMap<>();
        select.query(rs -> {
            figures.put(rs.getString("k") == null ? "NONE" : rs.getString("k"),
                    new AreaFigures(rs.getLong("found"), rs.getLong("closed"), rs.getLong("overdue")));
        });
        return figures;
    }

    /** Counts in scope by status, grade, source and industry, with how many are overdue; reported within the period. */
    Map<String, Map<String, Long>> statistics(@Nullable String regionCode, Instant from, Instant to) {
        Map<String, Map<String, Long>> result = new LinkedHashMap<>();
        String period = " and h.reported_at >= :from and h.reported_at < :to";
        for (String column : List.of("status", "grade", "source", "industry")) {
            var select = scoped.sql("select h." + column + " as k, count(*) as n from hazard h where {scope}"
                    + (regionCode == null ? "" : " and h.region_code like :region") + period + " group by h." + column, COLUMNS);
            if (regionCode != null) {
                select.param("region", RegionCode.of(regionCode).subtreeLikePattern());
            }
            select.param("from", UtcTimestamps.of(from)).param("to", UtcTimestamps.of(to));
            Map<String, Long> counts = new LinkedHashMap<>();
            select.query(rs -> {
                counts.put(rs.getString("k") == null ? "NONE" : rs.getString("k"), rs.getLong("n"));
            });
            result.put(column, counts);
        }
        var overdue = scoped.sql("select count(*) from hazard h where {scope} and h.overdue_since is not null"
                + (regionCode == null ? "" : " and h.region_code like :region") + period, COLUMNS);
        if (regionCode != null) {
            overdue.param("region", RegionCode.of(regionCode).subtreeLikePattern());
        }
        overdue.param("from", UtcTimestamps.of(from)).param("to", UtcTimestamps.of(to));
        result.put("overdue", Map.of("OVERDUE", overdue.query(Long.class).single()));
        return result;
    }

    io.yingji.hazard.HazardWorkflow.Standing standingOf(long enterpriseId) {
        return jdbc.sql("""
                select coalesce(sum(case when grade = 'MAJOR' then 1 else 0 end), 0) as major,
                       coalesce(sum(case when overdue_since is not null then 1 else 0 end), 0) as overdue,
                       count(*) as open
                from hazard where enterprise_id = :id and status not in ('CLOSED', 'DISMISSED')""")
                .param("id", enterpriseId)
                .query((rs, n) -> new io.yingji.hazard.HazardWorkflow.Standing(rs.getInt("major"), rs.getInt("overdue"), rs.getInt("open")))
                .single();
    }

    io.yingji.hazard.HazardWorkflow.Standing standingOfRegion(String regionCode) {
        return scoped.sql("""
                select coalesce(sum(case when h.grade = 'MAJOR' then 1 else 0 end), 0) as major,
                       coalesce(sum(case when h.overdue_since is not null then 1 else 0 end), 0) as overdue,
                       count(*) as open
                from hazard h where {scope} and h.region_code like :region and h.status not in ('CLOSED', 'DISMISSED')""", COLUMNS)
                .param("region", RegionCode.of(regionCode).subtreeLikePattern())
                .query((rs, n) -> new io.yingji.hazard.HazardWorkflow.Standing(rs.getInt("major"), rs.getInt("overdue"), rs.getInt("open")))
                .single();
    }

    static HazardView view(ResultSet rs, int n) throws SQLException {
        Date deadline = rs.getDate("deadline");
        return new HazardView(rs.getLong("id"), rs.getString("tracking_code"), rs.getString("source"), rs.getString("status"),
                rs.getString("title"), rs.getString("description"), rs.getString("region_code"), rs.getString("region_name"),
                rs.getString("industry"), rs.getObject("enterprise_id", Long.class), rs.getString("enterprise_name"),
                rs.getObject("longitude", Double.class), rs.getObject("latitude", Double.class), rs.getString("reporter_name"),
                rs.getString("grade"), rs.getString("category"), rs.getString("responsible_unit"),
                deadline == null ? null : deadline.toLocalDate(), rs.getString("supervising_level"), rs.getInt("escalations"),
                rs.getObject("overdue_since") != null, UtcTimestamps.read(rs, "reported_at"), UtcTimestamps.read(rs, "closed_at"),
                rs.getInt("version"), rs.getString("source_ref"));
    }

    static Hazard model(ResultSet rs, int n) throws SQLException {
        Hazard h = new Hazard(rs.getLong("id"), Hazard.Status.valueOf(rs.getString("status")), rs.getString("region_code"),
                rs.getInt("region_level"), rs.getObject("enterprise_id", Long.class));
        h.grade = rs.getString("grade") == null ? null : Hazard.Grade.valueOf(rs.getString("grade"));
        h.category = rs.getString("category");
        h.responsibleUnit = rs.getString("responsible_unit");
        Date deadline = rs.getDate("deadline");
        h.deadline = deadline == null ? null : deadline.toLocalDate();
        h.supervisingLevel = rs.getString("supervising_level") == null ? null : SupervisionLevel.valueOf(rs.getString("supervising_level"));
        h.escalations = rs.getInt("escalations");
        h.overdueSince = UtcTimestamps.read(rs, "overdue_since");
        h.closedAt = UtcTimestamps.read(rs, "closed_at");
        h.version = rs.getInt("version");
        return h;
    }
}
