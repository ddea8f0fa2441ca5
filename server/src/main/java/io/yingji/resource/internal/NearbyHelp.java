package io.yingji.resource.internal;

import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.access.ScopedQueries;
import io.yingji.resource.ArrivalEstimator;
import io.yingji.shared.BoundingBox;
import io.yingji.shared.GeoPoint;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The nearest available help within the caller's scope: rescue teams on standby with the needed capability, warehouses
 * holding enough usable (unexpired) stock of the needed supply, open shelters with enough free places — with the
 * straight-line distance and an estimated arrival ({@link ArrivalEstimator}). Candidates are read inside a box around
 * the point that widens (5, 20, 80 km, then everywhere in scope) until enough lie within its radius, so the nearest are
 * found without reading every resource of a province.
 */
@Service
class NearbyHelp {

    static final int MAX_LIMIT = 50;
    private static final double[] RADII_KM = {5, 20, 80, Double.POSITIVE_INFINITY};

    enum Kind { TEAM, WAREHOUSE, SHELTER }

    /** One match: where it is, how far, how long, and what makes it a match. */
    record Match(Kind kind, long id, String name, String regionName, double longitude, double latitude, long distanceMetres,
                 long roadMetres, long minutes, @Nullable String status, @Nullable List<RescueTeam.Capability> capabilities,
                 @Nullable Integer headcount, @Nullable BigDecimal available, @Nullable String unit, @Nullable Integer free,
                 @Nullable String phone) {
    }

    record Answer(List<Match> matches, String estimate) {
    }

    private final ScopedQueries scoped;
    private final SupplyCatalogue catalogue;
    private final StockLedger ledger;
    private final ArrivalEstimator estimator;
    private final CallerContext callers;

    NearbyHelp(ScopedQueries scoped, SupplyCatalogue catalogue, StockLedger ledger, ArrivalEstimator estimator, CallerContext callers) {
        this.scoped = scoped;
        this.catalogue = catalogue;
        this.ledger = ledger;
        this.estimator = estimator;
        this.callers = callers;
    }

    @Transactional(readOnly = true)
    Answer nearby(@Nullable Double longitude, @Nullable Double latitude, @Nullable String kindName, @Nullable String need,
                  @Nullable BigDecimal quantity, int limit) {
        callers.requirePermission(Permissions.RESOURCE_READ);
        List<FieldProblem> problems = new ArrayList<>();
        if (longitude == null || latitude == null) {
            problems.add(new FieldProblem(longitude == null ? "lon" : "lat", "resource.place.required"));
        } else if (!GeoPoint.problemsOf(longitude, latitude).isEmpty() || !BoundingBox.CHINA.contains(new GeoPoint(longitude, latitude))) {
            problems.add(new FieldProblem("lon", "resource.nearby.place.off-map"));
        }
        Kind kind = kindName == null ? null : Arrays.stream(Kind.values()).filter(k -> k.name().equalsIgnoreCase(kindName.strip()))
                .findFirst().orElse(null);
        if (kind == null) {
            problems.add(new FieldProblem("kind", "resource.nearby.kind.invalid"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "problem.size.range", MAX_LIMIT));
        }
        BigDecimal amount = quantity == null ? BigDecimal.ONE : quantity;
        if (amount.signum() <= 0 || amount.compareTo(new BigDecimal("1000000000")) >= 0) {
            problems.add(new FieldProblem("quantity", "resource.quantity.invalid"));
        }
        RescueTeam.Capability capability = null;
        SupplyType supply = null;
        if (kind == Kind.TEAM && need != null && !need.isBlank()) {
            capability = Warehouses.parse(RescueTeam.Capability.class, need, "need", "resource.team.capability.invalid", problems);
        } else if (kind == Kind.WAREHOUSE) {
            try {
                supply = need == null ? null : catalogue.find(Long.parseLong(need.strip())).filter(t -> !t.kit()).orElse(null);
            } catch (NumberFormatException e) {
                supply = null;
            }
            if (supply == null) {
                problems.add(new FieldProblem("need", "resource.supply-type.unknown", String.valueOf(need)));
            }
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        GeoPoint from = new GeoPoint(longitude, latitude);
        List<Match> found = List.of();
        for (double radius : RADII_KM) {
            List<Match> candidates = candidates(kind, from, radius, capability, supply, amount);
            found = candidates.stream().filter(m -> m.distanceMetres() <= radius * 1000)
                    .sorted(Comparator.comparingLong(Match::distanceMetres).thenComparingLong(Match::id)).limit(limit).toList();
            if (found.size() >= limit) {
                break;
            }
        }
        ArrivalEstimator.Mode mode = mode(kind);
        ArrivalEstimator.Estimate sample = estimator.estimate(from, from, mode);
        boolean english = LocaleContextHolder.getLocale().getLanguage().equals(Locale.ENGLISH.getLanguage());
        return new Answer(found, english ? sample.methodEn() : sample.method());
    }

    private static ArrivalEstimator.Mode mode(Kind kind) {
        return switch (kind) {
            case TEAM -> ArrivalEstimator.Mode.TEAM;
            case WAREHOUSE -> ArrivalEstimator.Mode.SUPPLIES;
            case SHELTER -> ArrivalEstimator.Mode.SHELTER;
        };
    }

    private List<Match> candidates(Kind kind, GeoPoint from, double radiusKm, RescueTeam.@Nullable Capability capability,
                                   @Nullable SupplyType supply, BigDecimal amount) {
        String alias = switch (kind) {
            case TEAM -> "t";
            case WAREHOUSE -> "w";
            case SHELTER -> "s";
        };
        String box = "";
        double dLat = 0;
        double dLon = 0;
        if (Double.isFinite(radiusKm)) {
            dLat = radiusKm / 111.195;
            dLon = radiusKm / (111.195 * Math.max(0.01, Math.cos(Math.toRadians(from.latitude()))));
            box = " and " + alias + ".latitude between :minLat and :maxLat and " + alias + ".longitude between :minLon and :maxLon";
        }
        ArrivalEstimator.Mode mode = mode(kind);
        JdbcClient.StatementSpec spec;
        switch (kind) {
            case TEAM -> {
                spec = scoped.sql("select t.*, r.name as region_name from resource_team t join region r on r.code = t.region_code"
                        + " where {scope} and t.status = 'STANDBY'" + (capability == null ? "" : " and (',' || t.capabilities || ',') like :cap")
                        + box, Teams.COLUMNS);
                if (capability != null) {
                    spec.param("cap", "%," + capability.name() + ",%");
                }
            }
            case WAREHOUSE -> {
                spec = scoped.sql("""
                        select * from (select w.*, r.name as region_name,
                            (select coalesce(sum(b.quantity), 0) from resource_batch b where b.warehouse_id = w.id
                              and b.supply_type_id = :type and (b.expires_on is null or b.expires_on >= :today)) as available
                          from resource_warehouse w join region r on r.code = w.region_code
                          where {scope} and w.longitude is not null""" + box + ") x where x.available >= :amount",
                        WarehouseRepository.COLUMNS)
                        .param("type", supply.id()).param("today", Date.valueOf(ledger.today())).param("amount", amount);
            }
            default -> spec = scoped.sql("select s.*, r.name as region_name from resource_shelter s join region r on r.code = s.region_code"
                    + " where {scope} and s.is_open = true and s.capacity - s.occupancy >= :places" + box, Shelters.COLUMNS)
                    .param("places", amount.setScale(0, java.math.RoundingMode.CEILING).intValue());
        }
        if (Double.isFinite(radiusKm)) {
            spec.param("minLat", from.latitude() - dLat).param("maxLat", from.latitude() + dLat)
                    .param("minLon", from.longitude() - dLon).param("maxLon", from.longitude() + dLon);
        }
        return spec.query((rs, n) -> {
            GeoPoint at = new GeoPoint(rs.getBigDecimal("longitude").doubleValue(), rs.getBigDecimal("latitude").doubleValue());
            ArrivalEstimator.Estimate e = estimator.estimate(from, at, mode);
            return switch (kind) {
                case TEAM -> {
                    String caps = rs.getString("capabilities");
                    yield new Match(kind, rs.getLong("id"), rs.getString("name"), rs.getString("region_name"), at.longitude(), at.latitude(),
                            e.straightMetres(), e.roadMetres(), e.minutes(), rs.getString("status"),
                            caps.isEmpty() ? List.of() : Arrays.stream(caps.split(",")).map(RescueTeam.Capability::valueOf).toList(),
                            rs.getInt("headcount"), null, null, null, rs.getString("leader_phone"));
                }
                case WAREHOUSE -> new Match(kind, rs.getLong("id"), rs.getString("name"), rs.getString("region_name"), at.longitude(),
                        at.latitude(), e.straightMetres(), e.roadMetres(), e.minutes(), null, null, null,
                        rs.getBigDecimal("available").stripTrailingZeros(), supply.unit(), null, rs.getString("keeper_phone"));
                case SHELTER -> new Match(kind, rs.getLong("id"), rs.getString("name"), rs.getString("region_name"), at.longitude(),
                        at.latitude(), e.straightMetres(), e.roadMetres(), e.minutes(), null, null, null, null, null,
                        rs.getInt("capacity") - rs.getInt("occupancy"), rs.getString("manager_phone"));
            };
        }).list();
    }
}
