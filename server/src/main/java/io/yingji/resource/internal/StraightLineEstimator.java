package io.yingji.resource.internal;

import io.yingji.resource.ArrivalEstimator;
import io.yingji.shared.GeoPoint;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Road distance ≈ great-circle distance × a detour factor (yingji.resource.eta.detour-factor, default 1.4), at a speed per
 * kind of help (yingji.resource.eta.speed-kmh.*: teams 40, supplies 35, vehicles 40, experts 40 km/h by road, people 4 km/h
 * on foot to a shelter). An estimate for choosing between resources, not a route.
 */
@Component
class StraightLineEstimator implements ArrivalEstimator {

    static final double EARTH_METRES = 6_371_008.8;

    private final double detour;
    private final Map<Mode, Double> speeds = new EnumMap<>(Mode.class);

    StraightLineEstimator(@Value("${yingji.resource.eta.detour-factor:1.4}") double detour,
                          @Value("${yingji.resource.eta.speed-kmh.team:40}") double team,
                          @Value("${yingji.resource.eta.speed-kmh.supplies:35}") double supplies,
                          @Value("${yingji.resource.eta.speed-kmh.shelter:4}") double shelter,
                          @Value("${yingji.resource.eta.speed-kmh.expert:40}") double expert,
                          @Value("${yingji.resource.eta.speed-kmh.vehicle:40}") double vehicle) {
        if (detour < 1 || !Double.isFinite(detour)) {
            throw new IllegalArgumentException("yingji.resource.eta.detour-factor must be at least 1: " + detour);
        }
        this.detour = detour;
        speeds.put(Mode.TEAM, team);
        speeds.put(Mode.SUPPLIES, supplies);
        speeds.put(Mode.SHELTER, shelter);
        speeds.put(Mode.EXPERT, expert);
        speeds.put(Mode.VEHICLE, vehicle);
        speeds.forEach((mode, speed) -> {
            if (!(speed > 0) || !Double.isFinite(speed)) {
                throw new IllegalArgumentException("yingji.resource.eta.speed-kmh." + mode.name().toLowerCase(Locale.ROOT) + " must be above 0");
            }
        });
    }

    @Override
    public Estimate estimate(GeoPoint from, GeoPoint to, Mode mode) {
        double straight = metres(from, to);
        double road = straight * detour;
        double speed = speeds.get(mode);
        long minutes = Math.max(1, Math.round(road / 1000 / speed * 60));
        String factor = String.format(Locale.ROOT, "%.1f", detour);
        String kmh = String.format(Locale.ROOT, "%.0f", speed);
        return new Estimate(Math.round(straight), Math.round(road), minutes,
                "直线距离×绕行系数" + factor + "，按" + kmh + "公里/小时估算（非实际路线）",
                "straight line × detour factor " + factor + " at " + kmh + " km/h (not a route)");
    }

    /** The great-circle (haversine) distance on the mean Earth sphere. */
    static double metres(GeoPoint a, GeoPoint b) {
        double lat1 = Math.toRadians(a.latitude());
        double lat2 = Math.toRadians(b.latitude());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
