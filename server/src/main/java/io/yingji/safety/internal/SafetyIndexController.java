package io.yingji.safety.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.hazard.HazardWorkflow;
import io.yingji.region.Region;
import io.yingji.region.RegionDirectory;
import io.yingji.risk.RiskLevel;
import io.yingji.risk.RiskRegister;
import io.yingji.safety.SafetyIndex;
import io.yingji.shared.Problem;
import io.yingji.shared.RegionCode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The area safety index of each sub-region of a region the caller may see: the regions' 四色图. */
@RestController
@Tag(name = "安全码 Safety code")
class SafetyIndexController {

    record AreaIndex(String regionCode, String name, long enterprises, long redRisk, long orangeRisk, long openHazards,
                     long overdueHazards, long openMajorHazards, long openAlarms, double index, SafetyIndex.Band band) {
    }

    private final RegionDirectory regions;
    private final EnterpriseRegistry enterprises;
    private final RiskRegister risks;
    private final HazardWorkflow hazards;
    private final CallerContext callers;

    private final io.yingji.monitoring.AlarmBoard alarms;

    SafetyIndexController(RegionDirectory regions, EnterpriseRegistry enterprises, RiskRegister risks, HazardWorkflow hazards,
                          CallerContext callers, io.yingji.monitoring.AlarmBoard alarms) {
        this.alarms = alarms;
        this.regions = regions;
        this.enterprises = enterprises;
        this.risks = risks;
        this.hazards = hazards;
        this.callers = callers;
    }

    @GetMapping("/api/safety-index")
    @Operation(summary = "Safety index (0–100) and band of each sub-region of a region (default: the caller's own)")
    List<AreaIndex> index(@RequestParam(required = false) @Nullable String regionCode) {
        Caller caller = callers.requirePermission(Permissions.ENTERPRISE_READ);
        if (caller.enterpriseId() != null) {
            throw Problem.forbidden();
        }
        RegionCode parent = regionCode == null ? caller.region() : checked(regionCode);
        if (!caller.region().contains(parent)) {
            throw Problem.notFound("region", parent.value());
        }
        return regions.children(parent).stream().map(this::indexOf).toList();
    }

    private AreaIndex indexOf(Region region) {
        String code = region.code().value();
        Map<String, Long> counts = enterprises.statistics(code);
        long total = counts.entrySet().stream().filter(e -> !e.getKey().equals("MAJOR_HAZARD")).mapToLong(Map.Entry::getValue).sum();
        Collection<RiskLevel> levels = risks.enterpriseLevels(code).values();
        long red = levels.stream().filter(l -> l == RiskLevel.RED).count();
        long orange = levels.stream().filter(l -> l == RiskLevel.ORANGE).count();
        HazardWorkflow.Standing standing = hazards.standingOfRegion(code);
        long openAlarms = alarms.openIn(RegionCode.of(code));
        SafetyIndex.Inputs inputs = new SafetyIndex.Inputs(total, red, orange, standing.open(), standing.overdue(), standing.openMajor(),
                openAlarms);
        double index = SafetyIndex.of(inputs);
        return new AreaIndex(code, region.name(), total, red, orange, standing.open(), standing.overdue(), standing.openMajor(),
                openAlarms, index, SafetyIndex.band(index));
    }

    private static RegionCode checked(String code) {
        if (!RegionCode.isValid(code)) {
            throw Problem.invalid("regionCode", "region.code.format", code);
        }
        return RegionCode.of(code);
    }
}
