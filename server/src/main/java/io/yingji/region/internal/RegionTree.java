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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The region tree held in memory, loaded from the {@code region} table on first use. */
@Service
class RegionTree implements RegionDirectory {

    private record Snapshot(Map<String, Region> byCode, Map<String, List<Region>> children) {
    }

    private final JdbcClient jdbc;
    private volatile Snapshot snapshot;

    RegionTree(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        return new Snapshot(Map.copyOf(byCode), Map.copyOf(children));
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
    public String fullName(RegionCode code) {
        List<String> names = new ArrayList<>();
        ancestors(code).forEach(r -> names.add(r.name()));
        find(code).ifPresent(r -> names.add(r.name()));
        return String.join(" ", names);
    }

    @Override
    @Transactional
    public void addAll(List<Region> regions) {
        for (Region region : regions) {
            BoundingBox box = region.boundingBox();
            jdbc.sql("""
                    insert into region (code, name, level, parent_code, min_lon, min_lat, max_lon, max_lat, boundary)
                    values (:code, :name, :level, :parent, :minLon, :minLat, :maxLon, :maxLat, :boundary)""")
                    .param("code", region.code().value()).param("name", region.name()).param("level", region.level())
                    .param("parent", region.parent() == null ? null : region.parent().value())
                    .param("minLon", box == null ? null : box.minLongitude())
                    .param("minLat", box == null ? null : box.minLatitude())
                    .param("maxLon", box == null ? null : box.maxLongitude())
                    .param("maxLat", box == null ? null : box.maxLatitude())
                    .param("boundary", region.boundary())
                    .update();
        }
        reload();
    }

    @Override
    public synchronized void reload() {
        snapshot = null;
    }
}
