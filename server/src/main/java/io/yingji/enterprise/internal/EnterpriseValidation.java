package io.yingji.enterprise.internal;

import io.yingji.enterprise.EnterpriseDraft;
import io.yingji.identity.Departments;
import io.yingji.region.Region;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.BoundingBox;
import io.yingji.shared.CreditCode;
import io.yingji.shared.GeoPoint;
import io.yingji.shared.Industry;
import io.yingji.shared.MobileNumber;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The rules an enterprise's data must meet, the same for a form and an import row: required fields,
 * the credit code's GB 32100 check character, an existing region at county level or below,
 * coordinates inside China and inside the enterprise's county, phone numbers that can be dialled.
 * Uniqueness and scope are checked by the caller, which knows the other rows and the user.
 */
@Component
class EnterpriseValidation {

    /** The outcome: the clean row when there were no problems. */
    record Outcome(@Nullable Row row, List<FieldProblem> problems) {
    }

    private final RegionDirectory regions;
    private final Departments departments;

    EnterpriseValidation(RegionDirectory regions, Departments departments) {
        this.regions = regions;
        this.departments = departments;
    }

    Outcome validate(EnterpriseDraft d, @Nullable Integer line) {
        List<FieldProblem> problems = new ArrayList<>();
        String creditCode = trim(d.creditCode());
        if (creditCode == null) {
            problems.add(new FieldProblem(line, "creditCode", "enterprise.credit-code.required"));
        } else {
            creditCode = creditCode.toUpperCase();
            if (!CreditCode.isValid(creditCode)) {
                problems.add(new FieldProblem(line, "creditCode", "enterprise.credit-code.invalid", creditCode));
            }
        }
        String name = required(d.name(), "name", 128, line, problems);
        Industry industry = null;
        String industryText = trim(d.industry());
        if (industryText == null) {
            problems.add(new FieldProblem(line, "industry", "enterprise.industry.required"));
        } else {
            industry = parseIndustry(industryText);
            if (industry == null) {
                problems.add(new FieldProblem(line, "industry", "enterprise.industry.unknown", industryText));
            }
        }
        String address = required(d.address(), "address", 256, line, problems);
        String regionCode = trim(d.regionCode());
        Optional<Region> region = Optional.empty();
        if (regionCode == null) {
            problems.add(new FieldProblem(line, "regionCode", "enterprise.region.required"));
        } else if (!RegionCode.isValid(regionCode)) {
            problems.add(new FieldProblem(line, "regionCode", "enterprise.region.invalid", regionCode));
        } else {
            region = regions.find(RegionCode.of(regionCode));
            if (region.isEmpty()) {
                problems.add(new FieldProblem(line, "regionCode", "enterprise.region.unknown", regionCode));
            } else if (region.get().level() < 3) {
                problems.add(new FieldProblem(line, "regionCode", "enterprise.region.too-high", region.get().name()));
            }
        }
        if (d.longitude() == null || d.latitude() == null) {
            problems.add(new FieldProblem(line, d.longitude() == null ? "longitude" : "latitude", "enterprise.coordinates.required"));
        } else {
            GeoPoint point = new GeoPoint(d.longitude(), d.latitude());
            if (!BoundingBox.CHINA.contains(point)) {
                problems.add(new FieldProblem(line, "longitude", "enterprise.coordinates.outside-china",
                        d.longitude(), d.latitude()));
            } else if (region.isPresent() && region.get().level() >= 3) {
                Region county = county(region.get());
                if (!regions.extentOf(county.code()).contains(point)) {
                    problems.add(new FieldProblem(line, "longitude", "enterprise.coordinates.outside-region",
                            d.longitude(), d.latitude(), county.name()));
                }
            }
        }
        // the supervising department must exist and its area contain the enterprise's region (拱墅区住建局 or the city's
        // 交通运输局 for a 拱墅区 enterprise, never 西湖区's); one that does not is answered like an unknown id
        if (d.supervisingDepartmentId() != null && departments.find(d.supervisingDepartmentId())
                .filter(department -> regionCode == null || !RegionCode.isValid(regionCode)
                        || regionCode.startsWith(department.region().subtreePrefix()))
                .isEmpty()) {
            problems.add(new FieldProblem(line, "supervisingDepartmentId", "enterprise.department.unknown",
                    d.supervisingDepartmentId()));
        }
        String legalRepresentative = required(d.legalRepresentative(), "legalRepresentative", 64, line, problems);
        String legalPhone = trim(d.legalRepresentativePhone());
        if (legalPhone != null && !MobileNumber.isPhone(legalPhone)) {
            problems.add(new FieldProblem(line, "legalRepresentativePhone", "enterprise.phone.invalid", legalPhone));
        }
        String safetyManager = required(d.safetyManager(), "safetyManager", 64, line, problems);
        String safetyPhone = trim(d.safetyManagerPhone());
        if (safetyPhone == null) {
            problems.add(new FieldProblem(line, "safetyManagerPhone", "enterprise.phone.required"));
        } else if (!MobileNumber.isPhone(safetyPhone)) {
            problems.add(new FieldProblem(line, "safetyManagerPhone", "enterprise.phone.invalid", safetyPhone));
        }
        if (d.employees() != null && (d.employees() < 0 || d.employees() > 1_000_000)) {
            problems.add(new FieldProblem(line, "employees", "enterprise.employees.range", d.employees()));
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, problems);
        }
        return new Outcome(new Row(creditCode, name, industry, bool(d.aboveScale()), address, d.longitude(), d.latitude(),
                regionCode, d.supervisingDepartmentId(), legalRepresentative, legalPhone, safetyManager, safetyPhone,
                d.employees(), bool(d.hazchemProduction()), bool(d.hazchemOperation()), bool(d.hazchemStorage()),
                bool(d.hazchemUse()), bool(d.threePlacesThreeEnterprises()), bool(d.microParkMember())), problems);
    }

    private Region county(Region region) {
        if (region.level() == 3) {
            return region;
        }
        return regions.ancestors(region.code()).stream().filter(r -> r.level() == 3).findFirst().orElse(region);
    }

    /** An industry by its code (CHEMICAL) or its Chinese or English name (危险化学品). */
    static @Nullable Industry parseIndustry(String text) {
        for (Industry industry : Industry.values()) {
            if (industry.name().equalsIgnoreCase(text) || industry.nameZh().equals(text)
                    || industry.nameEn().equalsIgnoreCase(text)) {
                return industry;
            }
        }
        return null;
    }

    private static @Nullable String required(@Nullable String value, String field, int maxLength, @Nullable Integer line,
                                             List<FieldProblem> problems) {
        String trimmed = trim(value);
        if (trimmed == null) {
            problems.add(new FieldProblem(line, field, "enterprise." + field + ".required"));
        } else if (trimmed.length() > maxLength) {
            problems.add(new FieldProblem(line, field, "problem.field.too-long", maxLength));
        }
        return trimmed;
    }

    private static @Nullable String trim(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static boolean bool(@Nullable Boolean value) {
        return value != null && value;
    }
}
