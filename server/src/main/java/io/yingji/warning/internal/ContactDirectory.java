package io.yingji.warning.internal;

import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.shared.BoundingBox;
import io.yingji.shared.PageOf;
import io.yingji.shared.RegionCode;
import io.yingji.shared.UtcTimestamps;
import io.yingji.warning.WarningContacts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The warning contact directory in the database ({@code warning_contact}). */
@Component
class ContactDirectory implements WarningContacts {

    static final ScopeColumns COLUMNS = ScopeColumns.region("c.region_code");

    /** An entry as stored. */
    record Entry(long id, String group, String name, String regionCode, @Nullable String mobile, @Nullable String email,
                 @Nullable String webhookUrl, @Nullable String broadcastTerminal, @Nullable Double longitude,
                 @Nullable Double latitude) {
    }

    private final JdbcClient jdbc;
    /** For reading a large audience: rows fetched in chunks, not the whole result held by the driver. */
    private final NamedParameterJdbcTemplate streaming;
    private final NamedParameterJdbcTemplate batches;
    private final ScopedQueries scoped;
    private final Clock clock;

    ContactDirectory(JdbcClient jdbc, NamedParameterJdbcTemplate batches, ScopedQueries scoped, Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        org.springframework.jdbc.core.JdbcTemplate chunked = new org.springframework.jdbc.core.JdbcTemplate(batches.getJdbcTemplate().getDataSource());
        chunked.setFetchSize(5_000);
        this.streaming = new NamedParameterJdbcTemplate(chunked);
        this.scoped = scoped;
        this.clock = clock;
    }

    @Override
    @Transactional
    public int addAll(List<Contact> contacts) {
        if (contacts.isEmpty()) {
            return 0;
        }
        MapSqlParameterSource[] rows = contacts.stream().map(c -> params(c)).toArray(MapSqlParameterSource[]::new);
        int[] counts = batches.batchUpdate(INSERT, rows);
        return counts.length;
    }

    private static final String INSERT = """
            insert into warning_contact (grp, name, region_code, mobile, email, webhook_url, broadcast_terminal, longitude, latitude, created_at)
            values (:grp, :name, :region, :mobile, :email, :webhook, :terminal, :lon, :lat, :at)""";

    private MapSqlParameterSource params(Contact c) {
        return new MapSqlParameterSource().addValue("grp", c.group()).addValue("name", c.name()).addValue("region", c.regionCode())
                .addValue("mobile", c.mobile()).addValue("email", c.email()).addValue("webhook", c.webhookUrl())
                .addValue("terminal", c.broadcastTerminal()).addValue("lon", c.longitude()).addValue("lat", c.latitude())
                .addValue("at", UtcTimestamps.of(clock.instant()));
    }

    long add(Contact contact) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        batches.update(INSERT, params(contact), keys, new String[] {"id"});
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<Entry> visible(long id) {
        return scoped.sql("select " + COLUMNS_LIST + " from warning_contact c where {scope} and c.id = :id", COLUMNS).param("id", id)
                .query(ContactDirectory::map).optional();
    }

    Optional<Entry> find(long id) {
        return jdbc.sql("select " + COLUMNS_LIST + " from warning_contact c where c.id = :id").param("id", id).query(ContactDirectory::map).optional();
    }

    boolean delete(long id) {
        return jdbc.sql("delete from warning_contact where id = :id").param("id", id).update() > 0;
    }

    boolean publicRegistered(String mobile, String regionCode) {
        return jdbc.sql("select count(*) from warning_contact where grp = :grp and mobile = :mobile and region_code = :region")
                .param("grp", PUBLIC).param("mobile", mobile).param("region", regionCode).query(Long.class).single() > 0;
    }

    PageOf<Entry> search(@Nullable String regionCode, @Nullable String group, @Nullable String text, int page, int size) {
        StringBuilder where = new StringBuilder(" where {scope}");
        Map<String, Object> params = new LinkedHashMap<>();
        if (regionCode != null) {
            where.append(" and c.region_code like :region");
            params.put("region", RegionCode.of(regionCode).subtreeLikePattern());
        }
        if (group != null) {
            where.append(" and c.grp = :grp");
            params.put("grp", group);
        }
        if (text != null && !text.isBlank()) {
            where.append(" and (c.name like :text or c.mobile like :text)");
            params.put("text", "%" + text.strip().replace("%", "").replace("_", "") + "%");
        }
        var count = scoped.sql("select count(*) from warning_contact c" + where, COLUMNS);
        params.forEach(count::param);
        var select = scoped.sql("select " + COLUMNS_LIST + " from warning_contact c" + where + " order by c.region_code, c.grp, c.id limit :limit offset :offset", COLUMNS);
        params.forEach(select::param);
        List<Entry> content = select.param("limit", size).param("offset", (long) page * size).query(ContactDirectory::map).list();
        return PageOf.of(content, page, size, count.query(Long.class).single());
    }

    /**
     * Streams the entries in the subtree of {@code region}, optionally only those inside {@code box} (entries
     * without a location are then left out), optionally only of the public or only not.
     */
    void each(RegionCode region, @Nullable BoundingBox box, @Nullable Boolean publicOnly, Consumer<Entry> sink) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS_LIST + " from warning_contact c where c.region_code like :region");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("region", region.subtreeLikePattern());
        if (box != null) {
            sql.append(" and c.longitude between :minLon and :maxLon and c.latitude between :minLat and :maxLat");
            params.put("minLon", box.minLongitude());
            params.put("maxLon", box.maxLongitude());
            params.put("minLat", box.minLatitude());
            params.put("maxLat", box.maxLatitude());
        }
        if (publicOnly != null) {
            sql.append(publicOnly ? " and c.grp = :public" : " and c.grp <> :public");
            params.put("public", PUBLIC);
        }
        streaming.query(sql.toString(), params, (ResultSet rs) -> {
            sink.accept(map(rs, 0));
        });
    }

    /** Entries without a location placed in one of these regions (for polygon and circle areas). */
    void unplacedIn(List<String> regionCodes, @Nullable Boolean publicOnly, Consumer<Entry> sink) {
        for (int from = 0; from < regionCodes.size(); from += 500) {
            List<String> chunk = new ArrayList<>(regionCodes.subList(from, Math.min(regionCodes.size(), from + 500)));
            var spec = jdbc.sql("select " + COLUMNS_LIST + " from warning_contact c where c.longitude is null and c.region_code in (:regions)"
                    + (publicOnly == null ? "" : publicOnly ? " and c.grp = :public" : " and c.grp <> :public"))
                    .param("regions", chunk);
            if (publicOnly != null) {
                spec.param("public", PUBLIC);
            }
            spec.query((ResultSet rs) -> {
                sink.accept(map(rs, 0));
            });
        }
    }

    /** Entries other than the public's in the subtree of {@code region} whose mobile number is one of {@code mobiles}. */
    void addressed(RegionCode region, java.util.Collection<String> mobiles, Consumer<Entry> sink) {
        if (mobiles.isEmpty()) {
            return;
        }
        jdbc.sql("select " + COLUMNS_LIST + " from warning_contact c where c.region_code like :region and c.grp <> :public"
                        + " and c.mobile in (:mobiles) order by c.id")
                .param("region", region.subtreeLikePattern()).param("public", PUBLIC).param("mobiles", List.copyOf(mobiles))
                .query((ResultSet rs) -> {
                    sink.accept(map(rs, 0));
                });
    }

    static final String COLUMNS_LIST = "c.id, c.grp, c.name, c.region_code, c.mobile, c.email, c.webhook_url, c.broadcast_terminal, c.longitude, c.latitude";

    /** Reads a row selected as {@link #COLUMNS_LIST}, by position (this runs once per person of a large audience). */
    static Entry map(ResultSet rs, int n) throws SQLException {
        double lon = rs.getDouble(9);
        Double longitude = rs.wasNull() ? null : lon;
        double lat = rs.getDouble(10);
        Double latitude = rs.wasNull() ? null : lat;
        return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), longitude, latitude);
    }
}
