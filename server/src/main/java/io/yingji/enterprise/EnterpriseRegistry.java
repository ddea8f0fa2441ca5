package io.yingji.enterprise;

import io.yingji.shared.RegionCode;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import java.util.Optional;

/**
 * Registering, changing and finding enterprises, always within the caller's data scope. A read of
 * an enterprise outside the scope finds nothing; a change to one is refused.
 */
public interface EnterpriseRegistry {

    /** One row of an import file: its line number (1 = the header) and what it says. */
    record ImportLine(int line, EnterpriseDraft draft) {
    }

    Enterprise register(EnterpriseDraft draft);

    Enterprise change(long id, EnterpriseDraft draft);

    /**
     * Registers all lines or none: when any line is wrong, throws a problem listing every wrong line
     * and field (together with {@code parseProblems} the file reader found), and writes nothing.
     * Answers how many were registered.
     */
    int registerAll(List<ImportLine> lines, List<FieldProblem> parseProblems, String source);

    Optional<Enterprise> find(long id);

    /** Whether the enterprise has this major hazard source (重大危险源): what a device may be linked to. */
    boolean hasHazardSource(long enterpriseId, long hazardSourceId);

    PageOf<Enterprise> search(EnterpriseSearch search, int page, int size);

    /** Everything the search matches within scope, at most {@value #MAX_EXPORT} rows; the export is audited. */
    List<Enterprise> export(EnterpriseSearch search);

    int MAX_EXPORT = 50_000;

    /** The enterprises in scope as map points (at most {@value #MAX_MAP_POINTS}). */
    List<MapPoint> mapPoints(EnterpriseSearch search);

    /** The same points by column, as the one map's layer endpoint sends them (at most {@value #MAX_MAP_POINTS}). */
    MapLayer mapLayer(EnterpriseSearch search);

    int MAX_MAP_POINTS = 100_000;

    /** Counts per industry code within scope, plus {@code MAJOR_HAZARD}: those with a graded major hazard source. */
    Map<String, Long> statistics(@Nullable String regionCode);

    /**
     * Each enterprise's safety manager in the subtree of {@code region}, with the enterprise's location:
     * whom an early warning must reach (到岗到人). Not limited by the caller's scope: for the platform's
     * own work (warning targeting), never answered to a request as such.
     */
    List<SafetyContact> safetyContacts(RegionCode region);

    /** An enterprise's safety manager and where the enterprise is. */
    record SafetyContact(long enterpriseId, String enterpriseName, String manager, String phone, String regionCode,
                         double longitude, double latitude) {
    }
}
