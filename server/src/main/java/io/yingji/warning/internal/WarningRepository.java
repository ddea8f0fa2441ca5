package io.yingji.warning.internal;

import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.shared.PageOf;
import io.yingji.shared.RegionCode;
import io.yingji.shared.SortOrder;
import io.yingji.shared.UtcTimestamps;
import io.yingji.warning.WarningLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Warnings, their areas and their history; reads for callers go through the data scope. */
@Repository
class WarningRepository {

    static final ScopeColumns COLUMNS = ScopeColumns.region("w.region_code");

    /** {@code actorName}: the person's name as the accounts know it (with their office), null for the system. */
    record HistoryEntry(String action, @Nullable String fromState, String toState, String actor, Instant occurredAt,
                        @Nullable String comment, @Nullable String actorName) {
    }

    /** List filters; null means any. {@code active}: in force now (see {@link Warning#isActive}). */
    record Filter(@Nullable String state, @Nullable String status, @Nullable String level, @Nullable String regionCode,
                  @Nullable Boolean active, @Nullable String msgType, @Nullable String sort) {

        Filter(@Nullable String state, @Nullable String status, @Nullable String level, @Nullable String regionCode,
               @Nullable Boolean active, @Nullable String msgType) {
            this(state, status, level, regionCode, active, msgType, null);
        }
    }

    /** What the warning list sorts by: its visible columns; the level from the most severe (红色) down. */
    static final SortOrder SORT = SortOrder.of(Map.of(
            "level", "case w.level when 'RED' then 1 when 'ORANGE' then 2 when 'YELLOW' then 3 when 'BLUE' then 4 else 5 end",
            "headline", "w.headline", "state", "w.state", "event", "w.event_name", "region", "w.region_code",
            "sent", "w.sent", "expires", "w.expires"), "w.id desc");

    private final JdbcClient jdbc;
    private final ScopedQueries scoped;

    WarningRepository(JdbcClient jdbc, ScopedQueries scoped) {
        this.jdbc = jdbc;
        this.scoped = scoped;
    }

    /** Stores a new message with its areas; answers its id. The identifier is set by the caller or derived from the id. */
    long insert(Warning w) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        String provisional = w.identifier.isEmpty() ? "pending-" + java.util.UUID.randomUUID() : w.identifier;
        bind(jdbc.sql("""
                insert into warning (identifier, sender, sent, origin, state, status, msg_type, scope, restriction, addresses, note,
                    reference_list, predecessor_id, level, category, event_name, response_type, urgency, severity, certainty,
                    headline, description, instruction, effective, onset, expires, sender_name, web, contact, lang, region_code,
                    drafted_by, drafted_by_name, approved_by, approved_by_name, reject_reason, cap_xml, created_at, updated_at, version)
                values (:identifier, :sender, :sent, :origin, :state, :status, :msgType, :scope, :restriction, :addresses, :note,
                    :references, :predecessor, :level, :category, :event, :responseType, :urgency, :severity, :certainty,
                    :headline, :description, :instruction, :effective, :onset, :expires, :senderName, :web, :contact, :lang, :region,
                    :draftedBy, :draftedByName, :approvedBy, :approvedByName, :rejectReason, :capXml, :createdAt, :updatedAt, 0)"""), w)
                .param("identifier", provisional).param("origin", w.origin.name()).param("region", w.regionCode)
                .param("draftedBy", w.draftedBy).param("draftedByName", w.draftedByName).param("capXml", w.capXml)
                .param("createdAt", UtcTimestamps.of(w.createdAt))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        w.id = id;
        insertAreas(id, w.areas);
        return id;
    }

    void setIdentifier(long id, String identifier) {
        jdbc.sql("update warning set identifier = :identifier where id = :id").param("identifier", identifier).param("id", id).update();
    }

    /** Saves changes if nobody changed the warning meanwhile (replacing its areas); answers whether it did. */
    boolean save(Warning w) {
        boolean saved = bind(jdbc.sql("""
                update warning set sender = :sender, sent = :sent, state = :state, status = :status, msg_type = :msgType, scope = :scope,
                    restriction = :restriction, addresses = :addresses, note = :note, reference_list = :references,
                    predecessor_id = :predecessor, level = :level, category = :category, event_name = :event,
                    response_type = :responseType, urgency = :urgency, severity = :severity, certainty = :certainty,
                    headline = :headline, description = :description, instruction = :instruction, effective = :effective,
                    onset = :onset, expires = :expires, sender_name = :senderName, web = :web, contact = :contact, lang = :lang,
                    approved_by = :approvedBy, approved_by_name = :approvedByName, reject_reason = :rejectReason,
                    updated_at = :updatedAt, version = version + 1
                where id = :id and version = :version"""), w)
                .param("id", w.id).param("version", w.version).update() == 1;
        if (saved) {
            w.version++;
        }
        return saved;
    }

    void replaceAreas(Warning w) {
        jdbc.sql("delete from warning_area where warning_id = :id").param("id", w.id).update();
        insertAreas(w.id, w.areas);
    }

    /** Deletes the warning if nobody changed it meanwhile (its version still is the one read); answers whether it did. */
    boolean delete(Warning w) {
        return jdbc.sql("delete from warning where id = :id and version = :version").param("id", w.id).param("version", w.version)
                .update() == 1;
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Warning w) {
        return spec.param("sender", w.sender).param("sent", UtcTimestamps.of(w.sent)).param("state", w.state.name())
                .param("status", w.status).param("msgType", w.msgType).param("scope", w.scope)
                .param("restriction", w.restriction).param("addresses", w.addresses.isEmpty() ? null : CapText.addresses(w.addresses))
                .param("note", w.note).param("references", w.references.isEmpty() ? null : String.join(" ", w.references))
                .param("predecessor", w.predecessorId).param("level", w.level == null ? null : w.level.name())
                .param("category", w.category).param("event", w.event).param("responseType", w.responseType)
                .param("urgency", w.urgency).param("severity", w.severity).param("certainty", w.certainty)
                .param("headline", w.headline).param("description", w.description).param("instruction", w.instruction)
                .param("effective", UtcTimestamps.of(w.effective)).param("onset", UtcTimestamps.of(w.onset))
                .param("expires", UtcTimestamps.of(w.expires)).param("senderName", w.senderName).param("web", w.web)
                .param("contact", w.contact).param("lang", w.language).param("approvedBy", w.approvedBy)
                .param("approvedByName", w.approvedByName).param("rejectReason", w.rejectReason)
                .param("updatedAt", UtcTimestamps.of(w.updatedAt));
    }

    private void insertAreas(long warningId, List<Warning.Area> areas) {
        int no = 0;
        for (Warning.Area area : areas) {
            jdbc.sql("""
                    insert into warning_area (warning_id, area_no, kind, area_desc, region_code, geocode_name, zone_id, polygons, circle)
                    values (:warning, :no, :kind, :desc, :region, :geocodeName, :zone, :polygons, :circle)""")
                    .param("warning", warningId).param("no", no++).param("kind", area.kind()).param("desc", area.areaDesc())
                    .param("region", area.regionCode()).param("geocodeName", area.geocodeName()).param("zone", area.zoneId())
                    .param("polygons", area.polygons().isEmpty() ? null : String.join("\n", area.polygons()))
                    .param("circle", area.circle()).update();
        }
    }

    /** A warning in the current caller's scope. */
    Optional<Warning> findVisible(long id) {
        return withAreas(scoped.sql("select w.* from warning w where {scope} and w.id = :id", COLUMNS).param("id", id)
                .query(WarningRepository::model).optional());
    }

    /** Any warning, for the platform's own work and for checks after the scope was checked. */
    Optional<Warning> find(long id) {
        return withAreas(jdbc.sql("select w.* from warning w where w.id = :id").param("id", id)
                .query(WarningRepository::model).optional());
    }

    /** One of our own messages by its identifier (ours are unique among our senders; other senders may use the same one). */
    Optional<Warning> ownByIdentifier(String identifier) {
        return withAreas(jdbc.sql("select w.* from warning w where w.origin = 'LOCAL' and w.identifier = :identifier")
                .param("identifier", identifier).query(WarningRepository::model).optional());
    }

    /** A message of that sender and identifier in the current caller's scope. */
    Optional<Warning> visibleBySenderAndIdentifier(String sender, String identifier) {
        return withAreas(scoped.sql("select w.* from warning w where {scope} and w.sender = :sender and w.identifier = :identifier",
                        COLUMNS).param("sender", sender).param("identifier", identifier).query(WarningRepository::model).optional());
    }

    /** Whether a message of that sender and identifier is held already (CAP identifiers are unique per sender). */
    boolean identifierTaken(String sender, String identifier) {
        return jdbc.sql("select count(*) from warning where sender = :sender and identifier = :identifier")
                .param("sender", sender).param("identifier", identifier).query(Long.class).single() > 0;
    }

    PageOf<Warning> search(Filter filter, Instant now, int page, int size) {
        String order = SORT.orderBy(filter.sort());
        StringBuilder where = new StringBuilder(" where {scope}");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.state() != null) {
            where.append(" and w.state = :state");
            params.put("state", filter.state());
        }
        if (filter.status() != null) {
            where.append(" and w.status = :status");
            params.put("status", filter.status());
        }
        if (filter.level() != null) {
            where.append(" and w.level = :level");
            params.put("level", filter.level());
        }
        if (filter.msgType() != null) {
            where.append(" and w.msg_type = :msgType");
            params.put("msgType", filter.msgType());
        }
        if (filter.regionCode() != null) {
            where.append(" and w.region_code like :region");
            params.put("region", RegionCode.of(filter.regionCode()).subtreeLikePattern());
        }
        if (filter.active() != null) {
            String active = "(w.state = 'PUBLISHED' and w.msg_type <> 'Cancel' and (w.expires is null or w.expires > :now))";
            where.append(filter.active() ? " and " + active : " and not " + active);
            params.put("now", UtcTimestamps.of(now));
        }
        var count = scoped.sql("select count(*) from warning w" + where, COLUMNS);
        params.forEach(count::param);
        var select = scoped.sql("select w.* from warning w" + where + order + " limit :limit offset :offset", COLUMNS);
        params.forEach(select::param);
        List<Warning> content = withAreas(select.param("limit", size).param("offset", (long) page * size)
                .query(WarningRepository::model).list());
        return PageOf.of(content, page, size, count.query(Long.class).single());
    }

    /**
     * The Atom feed's messages: our public, actual ones in force, and the Cancels of them sent after {@code cancelsSince}
     * (so subscribers learn that a warning ended), newest first.
     */
    List<Warning> publicFeed(Instant now, Instant cancelsSince, int limit) {
        return withAreas(jdbc.sql("""
                select w.* from warning w
                where w.origin = 'LOCAL' and w.status = 'Actual' and w.scope = 'Public' and w.sent is not null
                  and ((w.state = 'PUBLISHED' and w.msg_type <> 'Cancel' and (w.expires is null or w.expires > :now))
                    or (w.msg_type = 'Cancel' and w.sent > :cancelsSince))
                order by w.sent desc, w.id desc limit :limit""")
                .param("now", UtcTimestamps.of(now)).param("cancelsSince", UtcTimestamps.of(cancelsSince)).param("limit", limit)
                .query(WarningRepository::model).list());
    }

    /** Public, actual, in-force messages of our own, newest first (the public page and the Atom feed). */
    List<Warning> publicActive(Instant now, int limit) {
        return withAreas(jdbc.sql("""
                select w.* from warning w
                where w.origin = 'LOCAL' and w.status = 'Actual' and w.scope = 'Public' and w.state = 'PUBLISHED'
                  and w.msg_type <> 'Cancel' and (w.expires is null or w.expires > :now)
                order by w.sent desc, w.id desc limit :limit""")
                .param("now", UtcTimestamps.of(now)).param("limit", limit).query(WarningRepository::model).list());
    }

    /** Ids of published warnings whose expiry has passed. */
    List<Long> dueToExpire(Instant now, int limit) {
        return jdbc.sql("select id from warning where state = 'PUBLISHED' and expires <= :now order by expires limit :limit")
                .param("now", UtcTimestamps.of(now)).param("limit", limit).query(Long.class).list();
    }

    void record(long warningId, Warning.Transition transition, String actor, Instant at, @Nullable String comment) {
        jdbc.sql("""
                insert into warning_event (warning_id, action, from_state, to_state, actor, occurred_at, comment)
                values (:id, :action, :from, :to, :actor, :at, :comment)""")
                .param("id", warningId).param("action", transition.action())
                .param("from", transition.from() == null ? null : transition.from().name())
                .param("to", transition.to().name()).param("actor", actor).param("at", UtcTimestamps.of(at))
                .param("comment", comment).update();
    }

    List<HistoryEntry> history(long id) {
        return jdbc.sql("select e.*, u.display_name as actor_name from warning_event e left join app_user u on u.username = e.actor"
                        + " where e.warning_id = :id order by e.id").param("id", id)
                .query((rs, n) -> new HistoryEntry(rs.getString("action"), rs.getString("from_state"), rs.getString("to_state"),
                        rs.getString("actor"), UtcTimestamps.read(rs, "occurred_at"), rs.getString("comment"), rs.getString("actor_name")))
                .list();
    }

    private Optional<Warning> withAreas(Optional<Warning> warning) {
        warning.ifPresent(w -> withAreas(List.of(w)));
        return warning;
    }

    private List<Warning> withAreas(List<Warning> warnings) {
        if (warnings.isEmpty()) {
            return warnings;
        }
        Map<Long, List<Warning.Area>> areas = new HashMap<>();
        jdbc.sql("select * from warning_area where warning_id in (:ids) order by warning_id, area_no")
                .param("ids", warnings.stream().map(w -> w.id).toList())
                .query(rs -> {
                    String polygons = rs.getString("polygons");
                    long zone = rs.getLong("zone_id");
                    areas.computeIfAbsent(rs.getLong("warning_id"), k -> new ArrayList<>()).add(new Warning.Area(rs.getString("kind"),
                            rs.getString("area_desc"), rs.getString("region_code"), rs.getString("geocode_name"),
                            rs.wasNull() ? null : zone,
                            polygons == null ? List.of() : List.of(polygons.split("\n")), rs.getString("circle")));
                });
        warnings.forEach(w -> w.areas = List.copyOf(areas.getOrDefault(w.id, List.of())));
        return warnings;
    }

    private static Warning model(ResultSet rs, int n) throws SQLException {
        Warning w = new Warning();
        w.id = rs.getLong("id");
        w.identifier = rs.getString("identifier");
        w.sender = rs.getString("sender");
        w.sent = UtcTimestamps.read(rs, "sent");
        w.origin = Warning.Origin.valueOf(rs.getString("origin"));
        w.state = Warning.State.valueOf(rs.getString("state"));
        w.status = rs.getString("status");
        w.msgType = rs.getString("msg_type");
        w.scope = rs.getString("scope");
        w.restriction = rs.getString("restriction");
        String addresses = rs.getString("addresses");
        w.addresses = addresses == null ? List.of() : CapText.splitAddresses(addresses);
        w.note = rs.getString("note");
        String references = rs.getString("reference_list");
        w.references = references == null || references.isBlank() ? List.of() : Arrays.asList(references.strip().split("\\s+"));
        long predecessor = rs.getLong("predecessor_id");
        w.predecessorId = rs.wasNull() ? null : predecessor;
        String level = rs.getString("level");
        w.level = level == null ? null : WarningLevel.valueOf(level);
        w.category = rs.getString("category");
        w.event = rs.getString("event_name");
        w.responseType = rs.getString("response_type");
        w.urgency = rs.getString("urgency");
        w.severity = rs.getString("severity");
        w.certainty = rs.getString("certainty");
        w.headline = rs.getString("headline");
        w.description = rs.getString("description");
        w.instruction = rs.getString("instruction");
        w.effective = UtcTimestamps.read(rs, "effective");
        w.onset = UtcTimestamps.read(rs, "onset");
        w.expires = UtcTimestamps.read(rs, "expires");
        w.senderName = rs.getString("sender_name");
        w.web = rs.getString("web");
        w.contact = rs.getString("contact");
        w.language = rs.getString("lang");
        w.regionCode = rs.getString("region_code");
        long draftedBy = rs.getLong("drafted_by");
        w.draftedBy = rs.wasNull() ? null : draftedBy;
        w.draftedByName = rs.getString("drafted_by_name");
        long approvedBy = rs.getLong("approved_by");
        w.approvedBy = rs.wasNull() ? null : approvedBy;
        w.approvedByName = rs.getString("approved_by_name");
        w.rejectReason = rs.getString("reject_reason");
        w.capXml = rs.getString("cap_xml");
        w.createdAt = UtcTimestamps.read(rs, "created_at");
        w.updatedAt = UtcTimestamps.read(rs, "updated_at");
        w.version = rs.getInt("version");
        return w;
    }
}
