package io.yingji.enterprise;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Registering major hazard sources (重大危险源) from other modules (the demo city), with the caller's rights
 * and the same checks and GB 18218-2018 grading as {@code POST /api/enterprises/{id}/hazard-sources}.
 */
public interface MajorHazardSources {

    /** A chemical on site: its code in the GB 18218 catalogue ({@code GET /api/hazardous-chemicals}), tonnes. */
    record Stored(String chemical, BigDecimal quantity) {
    }

    /** The source as registered: S, R and the grade 1..4 (一级..四级), null when S &lt; 1. */
    record Registered(long id, String name, BigDecimal s, BigDecimal r, @Nullable Integer grade) {
    }

    Registered register(long enterpriseId, String name, int exposedPeople, List<Stored> chemicals);
}
