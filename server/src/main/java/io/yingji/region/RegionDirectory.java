package io.yingji.region;

import io.yingji.shared.BoundingBox;
import io.yingji.shared.RegionCode;
import java.util.List;
import java.util.Optional;

/**
 * Lookups in the region tree for other modules. The tree is small (tens of thousands of rows at
 * most) and changes rarely, so it is held in memory; {@link #reload()} after writing to it.
 */
public interface RegionDirectory {

    Optional<Region> find(RegionCode code);

    List<Region> children(RegionCode code);

    /** The regions without a parent: the top of the tree (the province in the demo). */
    List<Region> roots();

    /** From the province down to the region's parent. */
    List<Region> ancestors(RegionCode code);

    /** The region's own box, or the nearest ancestor's that is known, or all of China. */
    BoundingBox extentOf(RegionCode code);

    /**
     * Regions in {@code within}'s subtree (itself included) whose name contains {@code text}: higher levels
     * first, then by code, at most {@code limit}.
     */
    List<Region> search(RegionCode within, String text, int limit);

    /** The name path, e.g. 浙江省 杭州市 拱墅区. */
    String fullName(RegionCode code);

    /** Adds regions (parents before children) and reloads the tree; for imports and the demo city. */
    void addAll(List<Region> regions);

    void reload();
}
