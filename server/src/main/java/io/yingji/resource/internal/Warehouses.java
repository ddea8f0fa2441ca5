package io.yingji.resource.internal;

import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.enterprise.Enterprise;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.GeoPoint;
import io.yingji.shared.MobileNumber;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registering and describing warehouses within the caller's scope. */
@Service
class Warehouses {

    private final WarehouseRepository warehouses;
    private final EnterpriseRegistry enterprises;
    private final RegionDirectory regions;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final Clock clock;

    Warehouses(WarehouseRepository warehouses, EnterpriseRegistry enterprises, RegionDirectory regions, CallerContext callers,
               AuditTrail audit, Clock clock) {
        this.warehouses = warehouses;
        this.enterprises = enterprises;
        this.regions = regions;
        this.callers = callers;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Warehouse find(long id) {
        callers.requirePermission(Permissions.RESOURCE_READ);
        return warehouses.findVisible(id).orElseThrow(() -> Problem.notFound("warehouse", id));
    }

    @Transactional(readOnly = true)
    PageOf<Warehouse> search(WarehouseRepository.Search search, int page, int size) {
        callers.requirePermission(Permissions.RESOURCE_READ);
        PageOf.check(page, size);
        if (search.regionCode() != null && !RegionCode.isValid(search.regionCode())) {
            throw Problem.invalid("regionCode", "enterprise.region.invalid", search.regionCode());
        }
        return warehouses.search(search, page, size);
    }

    @Transactional
    Warehouse register(WarehouseDraft draft) {
        requireWrite();
        WarehouseRepository.Fields fields = check(draft);
        long id = warehouses.insert(fields, clock.instant(), callers.require().username());
        audit.record("warehouse.create", "resource_warehouse", String.valueOf(id), fields.regionCode(), describe(fields));
        return warehouses.findVisible(id).orElseThrow();
    }

    @Transactional
    Warehouse change(long id, WarehouseDraft draft) {
        Warehouse current = warehouses.findVisible(id).orElseThrow(() -> Problem.outOfScope("warehouse", id));
        requireWrite();
        WarehouseRepository.Fields fields = check(draft);
        int expected = draft.version() == null ? current.version() : draft.version();
        if (warehouses.update(id, fields, expected) == 0) {
            throw Problem.conflict("problem.version.stale");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        diff(changes, "name", current.name(), fields.name());
        diff(changes, "level", current.level().name(), fields.level().name());
        diff(changes, "regionCode", current.regionCode(), fields.regionCode());
        diff(changes, "ownership", current.ownership().name(), fields.ownership().name());
        diff(changes, "enterpriseId", current.enterpriseId(), fields.enterpriseId());
        diff(changes, "address", current.address(), fields.address());
        diff(changes, "capacityM2", current.capacityM2(), fields.capacityM2());
        diff(changes, "keeper", current.keeper(), fields.keeper());
        diff(changes, "keeperPhone", current.keeperPhone(), fields.keeperPhone());
        audit.record("warehouse.update", "resource_warehouse", String.valueOf(id), fields.regionCode(), changes);
        return warehouses.findVisible(id).orElseThrow();
    }

    void requireWrite() {
        if (!callers.isSystem()) {
            callers.requirePermission(Permissions.RESOURCE_WRITE);
        }
    }

    /**
     * The draft's fields, checked: wrong fields are told first (400); a named enterprise the caller cannot see is 404;
     * a region outside the caller's scope is 403, as for every other create.
     */
    private WarehouseRepository.Fields check(WarehouseDraft d) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = text(d.name(), "name", 128, true, problems);
        Warehouse.Level level = parse(Warehouse.Level.class, d.level(), "level", "resource.warehouse.level.invalid", problems);
        Warehouse.Ownership ownership = parse(Warehouse.Ownership.class, d.ownership(), "ownership",
                "resource.warehouse.ownership.invalid", problems);
        RegionCode region = null;
        if (d.regionCode() == null || !RegionCode.isValid(d.regionCode()) || regions.find(RegionCode.of(d.regionCode())).isEmpty()) {
            problems.add(Problem.unknownRegion(null, "regionCode", d.regionCode()));
        } else {
            region = RegionCode.of(d.regionCode());
            if (level != null && region.level() != level.regionLevel) {
                problems.add(new FieldProblem("level", "resource.warehouse.level.region", level.nameZh));
            }
        }
        String address = text(d.address(), "address", 256, false, problems);
        problems.addAll(GeoPoint.problemsOf(d.longitude(), d.latitude()));
        if (d.capacityM2() != null && (d.capacityM2().signum() <= 0 || d.capacityM2().compareTo(new BigDecimal("10000000")) >= 0
                || d.capacityM2().stripTrailingZeros().scale() > 2)) {
            problems.add(new FieldProblem("capacityM2", "resource.warehouse.capacity.invalid"));
        }
        String keeper = text(d.keeper(), "keeper", 64, true, problems);
        String phone = d.keeperPhone() == null ? null : d.keeperPhone().strip();
        if (phone == null || !MobileNumber.isPhone(phone)) {
            problems.add(new FieldProblem("keeperPhone", "enterprise.phone.invalid", String.valueOf(d.keeperPhone())));
        }
        if (ownership == Warehouse.Ownership.GOVERNMENT && d.enterpriseId() != null) {
            problems.add(new FieldProblem("enterpriseId", "resource.warehouse.enterprise.government"));
        } else if (ownership != null && ownership != Warehouse.Ownership.GOVERNMENT && d.enterpriseId() == null) {
            problems.add(new FieldProblem("enterpriseId", "resource.warehouse.enterprise.required"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        Enterprise enterprise = null;
        if (d.enterpriseId() != null) {
            long enterpriseId = d.enterpriseId();
            enterprise = enterprises.find(enterpriseId).orElseThrow(() -> Problem.outOfScope("enterprise", enterpriseId));
        }
        String industry = enterprise == null ? null : enterprise.industry().name();
        // a warehouse is created only where its author can read it afterwards
        if (!callers.scope().covers(WarehouseRepository.COLUMNS, Objects.requireNonNull(region).value(),
                enterprise == null ? null : enterprise.industry(), enterprise == null ? null : enterprise.id())) {
            throw Problem.forbidden();
        }
        return new WarehouseRepository.Fields(Objects.requireNonNull(name), Objects.requireNonNull(level), region.value(),
                Objects.requireNonNull(ownership), enterprise == null ? null : enterprise.id(), industry, address,
                d.longitude(), d.latitude(), d.capacityM2(), Objects.requireNonNull(keeper), Objects.requireNonNull(phone));
    }

    private static Map<String, Object> describe(WarehouseRepository.Fields f) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", f.name());
        details.put("level", f.level().name());
        details.put("ownership", f.ownership().name());
        if (f.enterpriseId() != null) {
            details.put("enterpriseId", f.enterpriseId());
        }
        details.put("keeper", f.keeper());
        return details;
    }

    private static void diff(Map<String, Object> changes, String field, @Nullable Object before, @Nullable Object after) {
        if (!Objects.equals(before, after) && !(before instanceof BigDecimal b && after instanceof BigDecimal a && b.compareTo(a) == 0)) {
            changes.put(field, java.util.Arrays.asList(before, after));
        }
    }

    static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value, String field, String key,
                                                List<FieldProblem> problems) {
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value.strip())) {
                    return constant;
                }
            }
        }
        problems.add(new FieldProblem(field, key));
        return null;
    }

    static @Nullable String text(@Nullable String value, String field, int max, boolean required, List<FieldProblem> problems) {
        String trimmed = value == null ? null : value.strip();
        if (trimmed == null || trimmed.isEmpty()) {
            if (required) {
                problems.add(new FieldProblem(field, "resource." + field + ".required"));
            }
            return null;
        }
        if (trimmed.length() > max) {
            problems.add(new FieldProblem(field, "problem.field.too-long", max));
        }
        return trimmed;
    }
}
