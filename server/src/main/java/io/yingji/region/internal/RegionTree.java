package io.yingji.region.internal;

import io.yingji.region.Region;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.BoundingBox;
import io.yingji.shared.RegionCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.sql.Types;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The region tree held in memory, loaded from the {@code region} table on first use. */
@Service
class RegionTree implements RegionDirectory {

    /** {@code ordered}: every region by level, then code — the order of a name search's answers. */
    private record Snapshot(Map<String, Region> byCode, Map<String, List<Region>> children, List<Region> ordered) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private volatile Snapshot snapshot;

    RegionTree(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot;
        if (current == null) {
            synchronized (this) {
                if (snapshot == null) {
                    snapshot = load();
                }
                current = snapshot;
            }
        }
        return current;
    }

    private Snapshot load() {
        List<Region> all = jdbc.sql("""
                select code, name, level, parent_code, min_lon, min_lat, max_lon, max_lat, boundary
                from region order by code""")
                .query((rs, n) -> {
                    double minLon = rs.getDouble("min_lon");
                    BoundingBox box = rs.wasNull() ? null
                            : new BoundingBox(minLon, rs.getDouble("min_lat"), rs.getDouble("max_lon"), rs.getDouble("max_lat"));
                    String parent = rs.getString("parent_code");
                    return new Region(RegionCode.of(rs.getString("code")), rs.getString("name"), rs.getInt("level"),
                            parent == null ? null : RegionCode.of(parent), box, rs.getString("boundary"));
                })
                .list();
        Map<String, Region> byCode = new HashMap<>();
        all.forEach(r -> byCode.put(r.code().value(), r));
        Map<String, List<Region>> children = all.stream()
                .filter(r -> r.parent() != null)
                .collect(Collectors.groupingBy(r -> r.parent().value()));
        children.values().forEach(list -> list.sort(Comparator.comparing(r -> r.code().value())));
        List<Region> ordered = all.stream()
                .sorted(Comparator.comparingInt(Region::level).thenComparing(r -> r.code().value())).toList();
        return new Snapshot(Map.copyOf(byCode), Map.copyOf(children), ordered);
    }

    @Override
    public Optional<Region> find(RegionCode code) {
        return Optional.ofNullable(snapshot().byCode().get(code.value()));
    }

    @Override
    public List<Region> children(RegionCode code) {
        return snapshot().children().getOrDefault(code.value(), List.of());
    }

    @Override
    public List<Region> roots() {
        return snapshot().byCode().values().stream().filter(r -> r.parent() == null)
                .sorted(Comparator.comparing(r -> r.code().value())).toList();
    }

    @Override
    public List<Region> ancestors(RegionCode code) {
        List<Region> path = new ArrayList<>();
        Region current = snapshot().byCode().get(code.value());
        while (current != null && current.parent() != null) {
            current = snapshot().byCode().get(current.parent().value());
            if (current != null) {
                path.add(current);
            }
        }
        Collections.reverse(path);
        return path;
    }

    @Override
    public BoundingBox extentOf(RegionCode code) {
        Region current = snapshot().byCode().get(code.value());
        while (current != null) {
            if (current.boundingBox() != null) {
                return current.boundingBox();
            }
            current = current.parent() == null ? null : snapshot().byCode().get(current.parent().value());
        }
        return BoundingBox.CHINA;
    }

    @Override
    public List<Region> search(RegionCode within, String text, int limit) {
        // a scan of the tree in memory: ~27,000 names take well under a millisecond
        String prefix = within.subtreePrefix();
        List<Region> found = new ArrayList<>();
        for (Region region : snapshot().ordered()) {
            if (region.code().value().startsWith(prefix) && region.name().contains(text)) {
                found.add(region);
                if (found.size() == limit) {
                    break;
                }
            }
        }
        return found;
    }

    @Override
    public String fullName(RegionCode code) {
        List<String> names = new ArrayList<>();
        ancestors(code).forEach(r -> names.add(r.name()));
        find(code).ifPresent(r -> names.add(r.name()));
        return String.join(" ", names);
    }

    @Override
    @Transactional
    public void addAll(List<Region> regions) {
        // one batched statement: the demo city's ~27,000 regions go in within a second
        List<SqlParameterSource> rows = new ArrayList<>(regions.size());
        for (Region region : regions) {
            BoundingBox box = region.boundingBox();
            rows.add(new MapSqlParameterSource()
                    .addValue("code", region.code().value()).addValue("name", region.name()).addValue("level", region.level())
                    .addValue("parent", region.parent() == null ? null : region.parent().value(), Types.VARCHAR)
                    .addValue("minLon", box == null ? null : box.minLongitude(), Types.DOUBLE)
                    .addValue("minLat", box == null ? null : box.minLatitude(), Types.DOUBLE)
                    .addValue("maxLon", box == null ? null : box.maxLongitude(), Types.DOUBLE)
                    .addValue("maxLat", box == null ? null : box.maxLatitude(), Types.DOUBLE)
                    .addValue("boundary", region.boundary(), Types.VARCHAR));
        }
        for (int from = 0; from < rows.size(); from += 1_000) {
            batches.batchUpdate("""
                    insert into region (code, name, level, parent_code, min_lon, min_lat, max_lon, max_lat, boundary)
                    values (:code, :name, :level, :parent, :minLon, :minLat, :maxLon, :maxLat, :boundary)""",
                    rows.subList(from, Math.min(rows.size(), from + 1_000)).toArray(SqlParameterSource[]::new));
        }
        reload();
    }

    @Override
    public synchronized void reload() {
        snapshot = null;
    }
}
