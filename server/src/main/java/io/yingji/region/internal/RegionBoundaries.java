package io.yingji.region.internal;

import io.yingji.shared.UtcTimestamps;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The loaded region outlines ({@code region_boundary}), read on demand rather than held with the
 * in-memory tree: a province's village outlines run to hundreds of megabytes, a map asks for one
 * region's children at a time.
 */
@Repository
class RegionBoundaries {

    /** An outline to store: the region, its GeoJSON geometry, the file it came from. */
    record Outline(String code, String geometry) {
    }

    /** What is known about a stored outline, without the geometry. */
    record Loaded(String code, String source, String importedBy, Instant importedAt) {
    }

    private final JdbcClient jdbc;

    RegionBoundaries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> of(String code) {
        return jdbc.sql("select geometry from region_boundary where code = :code").param("code", code)
                .query(String.class).optional();
    }

    /** The outlines of those of {@code codes} that have one. */
    Map<String, String> of(Collection<String> codes) {
        Map<String, String> found = new HashMap<>();
        if (codes.isEmpty()) {
            return found;
        }
        jdbc.sql("select code, geometry from region_boundary where code in (:codes)").param("codes", codes)
                .query(rs -> {
                    found.put(rs.getString("code"), rs.getString("geometry"));
                });
        return found;
    }

    /** The loaded outlines of the subtree below (and including) the region with this subtree prefix. */
    List<Loaded> loadedUnder(String prefix) {
        return jdbc.sql("""
                select b.code, b.source, b.imported_at,
                       coalesce((select u.display_name from app_user u where u.username = b.imported_by), b.imported_by) as importer_name
                from region_boundary b where b.code like :prefix order by b.code""")
                .param("prefix", prefix + "%")
                .query((rs, n) -> new Loaded(rs.getString("code"), rs.getString("source"), rs.getString("importer_name"),
                        UtcTimestamps.read(rs, "imported_at")))
                .list();
    }

    /** Replaces the outlines of these regions; answers how many of them had one before. */
    int replace(List<Outline> outlines, String source, String importedBy, Instant at) {
        int replaced = 0;
        for (Outline outline : outlines) {
            replaced += jdbc.sql("delete from region_boundary where code = :code").param("code", outline.code()).update();
            jdbc.sql("""
                    insert into region_boundary (code, geometry, source, imported_by, imported_at)
                    values (:code, :geometry, :source, :by, :at)""")
                    .param("code", outline.code()).param("geometry", outline.geometry()).param("source", source)
                    .param("by", importedBy).param("at", UtcTimestamps.of(at))
                    .update();
        }
        return replaced;
    }
}
