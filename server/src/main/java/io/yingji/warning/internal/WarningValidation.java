package io.yingji.warning.internal;

import io.yingji.access.DataScope;
import io.yingji.region.Region;
import io.yingji.region.RegionDirectory;
import io.yingji.risk.RiskZones;
import io.yingji.shared.BoundingBox;
import io.yingji.shared.GeoPoint;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import io.yingji.warning.WarningDraft;
import io.yingji.warning.WarningLevel;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Checks a draft as a whole and copies it into a warning: every wrong field is reported at once, and
 * nothing is copied unless all are right. Areas must lie in China and in the caller's jurisdiction: a region
 * in the caller's scope, a drawn polygon or circle overlapping the extent of the caller's region.
 */
@Component
class WarningValidation {

    static final Set<String> STATUSES = Set.of("Actual", "Exercise", "Test");
    static final Set<String> SCOPES = Set.of("Public", "Restricted", "Private");
    static final Set<String> CATEGORIES = Set.of("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env",
            "Transport", "Infra", "CBRNE", "Other");
    static final Set<String> RESPONSE_TYPES = Set.of("Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess",
            "AllClear", "None");
    static final Set<String> URGENCIES = Set.of("Immediate", "Expected", "Future", "Past", "Unknown");
    static final Set<String> CERTAINTIES = Set.of("Observed", "Likely", "Possible", "Unlikely", "Unknown");
    static final Set<String> AREA_KINDS = Set.of("REGION", "POLYGON", "CIRCLE", "ZONE");
    static final int MAX_AREAS = 50;
    /** How the note of an Exercise message begins when the drafter wrote none (CAP: an Exercise SHOULD name the exercise). */
    static final String EXERCISE_NOTE_PREFIX = "演练";
    static final double MAX_RADIUS_KM = 500;

    private final RegionDirectory regions;
    private final RiskZones zones;

    WarningValidation(RegionDirectory regions, RiskZones zones) {
        this.regions = regions;
        this.zones = zones;
    }

    /** Copies a valid draft into {@code w}, or throws a 400 problem listing everything wrong. */
    void apply(WarningDraft d, Warning w, DataScope scope, RegionCode jurisdiction, Instant now) {
        check(d, w, scope, jurisdiction, now);
    }

    /**
     * The areas of a message being composed (the audience preview), after checking every field it gives exactly
     * as {@link #apply} would: a value drafting refuses is refused here too; only fields not given yet pass.
     */
    List<Warning.Area> preview(WarningDraft d, DataScope scope, RegionCode jurisdiction, Instant now) {
        return check(d, null, scope, jurisdiction, now);
    }

    /** Checks the draft; with {@code w} every required field must be given and the values are copied into it. */
    private List<Warning.Area> check(WarningDraft d, @Nullable Warning w, DataScope scope, RegionCode jurisdiction, Instant now) {
        boolean complete = w != null;
        List<FieldProblem> problems = new ArrayList<>();
        WarningLevel level = null;
        if (d.level() == null) {
            if (complete) {
                problems.add(new FieldProblem("level", "warning.level.required"));
            }
        } else {
            try {
                level = WarningLevel.valueOf(d.level());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("level", "warning.level.invalid", d.level()));
            }
        }
        String status = oneOf(d.status(), "status", STATUSES, complete, problems);
        String capScope = oneOf(d.scope(), "scope", SCOPES, complete, problems);
        String restriction = trimmed(d.restriction());
        List<String> addresses = d.addresses() == null ? List.of()
                : d.addresses().stream().map(a -> a == null ? "" : a.strip()).toList();
        if ("Restricted".equals(capScope) && restriction == null && complete) {
            problems.add(new FieldProblem("restriction", "warning.restriction.required"));
        } else if (restriction != null && !"Restricted".equals(capScope)) {
            problems.add(new FieldProblem("restriction", "warning.restriction.only-restricted"));
        } else if (restriction != null && restriction.length() > 512) {
            problems.add(new FieldProblem("restriction", "problem.field.too-long", 512));
        }
        if ("Private".equals(capScope) && addresses.isEmpty() && complete) {
            problems.add(new FieldProblem("addresses", "warning.addresses.required"));
        } else if (!addresses.isEmpty() && !"Private".equals(capScope)) {
            problems.add(new FieldProblem("addresses", "warning.addresses.only-private"));
        } else {
            for (int i = 0; i < addresses.size(); i++) {
                String address = addresses.get(i);
                if (address.isEmpty() || address.contains("\"") || address.length() > 128) {
                    problems.add(new FieldProblem("addresses[" + i + "]", "warning.address.invalid"));
                }
            }
            if (CapText.addresses(addresses).length() > 2000) {
                problems.add(new FieldProblem("addresses", "problem.field.too-long", 2000));
            }
        }
        String category = oneOf(d.category(), "category", CATEGORIES, complete, problems);
        String event = text(d.event(), "event", 128, complete, problems);
        String responseType = oneOf(d.responseType(), "responseType", RESPONSE_TYPES, false, problems);
        String urgency = oneOf(d.urgency(), "urgency", URGENCIES, complete, problems);
        String certainty = oneOf(d.certainty(), "certainty", CERTAINTIES, complete, problems);
        String headline = text(d.headline(), "headline", 160, complete, problems);
        String description = text(d.description(), "description", 4000, complete, problems);
        String instruction = text(d.instruction(), "instruction", 2000, false, problems);
        String note = text(d.note(), "note", 2000, false, problems);
        String senderName = text(d.senderName(), "senderName", 128, false, problems);
        String contact = text(d.contact(), "contact", 256, false, problems);
        String web = text(d.web(), "web", 512, false, problems);
        if (web != null && !isWebAddress(web)) {
            problems.add(new FieldProblem("web", "warning.web.invalid", web));
        }
        Instant effective = instant(d.effective());
        Instant onset = instant(d.onset());
        Instant expires = instant(d.expires());
        if (expires == null) {
            if (complete) {
                problems.add(new FieldProblem("expires", "warning.expires.required"));
            }
        } else if (!expires.isAfter(now)) {
            problems.add(new FieldProblem("expires", "warning.expires.past"));
        } else if (effective != null && !expires.isAfter(effective)) {
            problems.add(new FieldProblem("expires", "warning.expires.before-effective"));
        } else if (onset != null && !expires.isAfter(onset)) {
            problems.add(new FieldProblem("expires", "warning.expires.before-onset"));
        }
        List<Warning.Area> areas = areas(d.areas(), scope, jurisdiction, problems);
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        if (w == null) {
            return areas;
        }
        w.level = level;
        w.severity = level.severity();
        w.status = status;
        w.scope = capScope;
        w.restriction = restriction;
        w.addresses = addresses;
        w.category = category;
        w.event = event;
        w.responseType = responseType;
        w.urgency = urgency;
        w.certainty = certainty;
        w.headline = headline;
        w.description = description;
        w.instruction = instruction;
        // CAP 1.2 §3.2.1: an Exercise message SHOULD carry a note naming the exercise; without one from the drafter it
        // names the exercise by the message's headline
        w.note = note != null ? note : "Exercise".equals(status) ? EXERCISE_NOTE_PREFIX + "：" + headline + "（演练信息，非真实预警）" : null;
        w.effective = effective;
        w.onset = onset;
        w.expires = expires;
        w.senderName = senderName;
        w.web = web;
        w.contact = contact;
        w.areas = areas;
        return areas;
    }

    /**
     * The areas of a draft, checked; {@code jurisdiction} is the caller's region, whose extent (its box, or the
     * nearest ancestor's where none is stored) a drawn polygon or circle must overlap — unless the scope is unlimited.
     */
    List<Warning.Area> areas(@Nullable List<WarningDraft.Area> input, DataScope scope, RegionCode jurisdiction,
                             List<FieldProblem> problems) {
        BoundingBox extent = scope.regionPrefix() == null ? BoundingBox.CHINA : regions.extentOf(jurisdiction);
        if (input == null || input.isEmpty()) {
            problems.add(new FieldProblem("areas", "warning.areas.required"));
            return List.of();
        }
        if (input.size() > MAX_AREAS) {
            problems.add(new FieldProblem("areas", "warning.areas.too-many", MAX_AREAS));
            return List.of();
        }
        List<Warning.Area> areas = new ArrayList<>();
        List<FieldProblem> outsideScope = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            WarningDraft.Area a = input.get(i);
            String field = "areas[" + i + "]";
            if (a == null || a.kind() == null || !AREA_KINDS.contains(a.kind())) {
                problems.add(new FieldProblem(field + ".kind", "warning.area.kind"));
                continue;
            }
            String desc = trimmed(a.areaDesc());
            if (desc != null && desc.length() > 256) {
                problems.add(new FieldProblem(field + ".areaDesc", "problem.field.too-long", 256));
                continue;
            }
            switch (a.kind()) {
                case "REGION" -> {
                    String code = a.regionCode();
                    Region region = code != null && RegionCode.isValid(code) ? regions.find(RegionCode.of(code)).orElse(null) : null;
                    if (region == null) {
                        problems.add(Problem.unknownRegion(null, field + ".regionCode", code));
                    } else if (!scope.coversRegion(region.code())) {
                        // region codes are public: naming one outside the scope is refused (403), not hidden
                        outsideScope.add(new FieldProblem(field + ".regionCode", "warning.area.out-of-scope", code));
                    } else {
                        areas.add(new Warning.Area("REGION", desc != null ? desc : regions.fullName(region.code()), code,
                                CapWriter.GEOCODE_NAME, null, List.of(), null));
                    }
                }
                case "POLYGON" -> {
                    var ring = CapGeometry.polygon(a.polygon());
                    if (ring.problem() != null) {
                        problems.add(new FieldProblem(field + ".polygon", ring.problem()));
                    } else if (!ring.value().stream().allMatch(BoundingBox.CHINA::contains)) {
                        problems.add(new FieldProblem(field + ".polygon", "warning.area.outside-china"));
                    } else if (!AreaGeometry.intersects(extent, ring.value())) {
                        problems.add(new FieldProblem(field + ".polygon", "warning.area.outside-jurisdiction", i + 1,
                                regions.fullName(jurisdiction)));
                    } else if (desc == null) {
                        problems.add(new FieldProblem(field + ".areaDesc", "warning.area.desc-required"));
                    } else {
                        areas.add(new Warning.Area("POLYGON", desc, null, null, null, List.of(CapGeometry.polygonText(ring.value())), null));
                    }
                }
                case "CIRCLE" -> {
                    var circle = CapGeometry.circle(a.circle());
                    if (circle.problem() != null) {
                        problems.add(new FieldProblem(field + ".circle", circle.problem()));
                    } else if (!BoundingBox.CHINA.contains(circle.value().center())) {
                        problems.add(new FieldProblem(field + ".circle", "warning.area.outside-china"));
                    } else if (circle.value().radiusKm() == 0) {
                        // a point: CAP allows it, but a warning we issue covers an area
                        problems.add(new FieldProblem(field + ".circle", "warning.circle.radius"));
                    } else if (circle.value().radiusKm() > MAX_RADIUS_KM) {
                        problems.add(new FieldProblem(field + ".circle", "warning.circle.too-large", (int) MAX_RADIUS_KM));
                    } else if (!AreaGeometry.intersects(extent, circle.value().center(), circle.value().radiusKm())) {
                        problems.add(new FieldProblem(field + ".circle", "warning.area.outside-jurisdiction", i + 1,
                                regions.fullName(jurisdiction)));
                    } else if (desc == null) {
                        problems.add(new FieldProblem(field + ".areaDesc", "warning.area.desc-required"));
                    } else {
                        areas.add(new Warning.Area("CIRCLE", desc, null, null, null, List.of(), CapGeometry.circleText(circle.value())));
                    }
                }
                default -> {
                    RiskZones.Zone zone = a.zoneId() == null ? null : zones.visibleZone(a.zoneId()).orElse(null);
                    if (zone == null && a.zoneId() == null) {
                        problems.add(new FieldProblem(field + ".zoneId", "warning.zone.unknown", String.valueOf(a.zoneId())));
                    } else if (zone == null) {
                        // a zone outside the caller's scope is answered like one that does not exist
                        throw Problem.notFound("risk_zone", a.zoneId());
                    } else {
                        String name = desc != null ? desc
                                : zone.layerName() + (zone.name() == null ? "" : " " + zone.name());
                        areas.add(new Warning.Area("ZONE", name.length() > 256 ? name.substring(0, 256) : name, null, null, zone.id(),
                                zone.rings().stream().map(CapGeometry::polygonText).toList(), null));
                    }
                }
            }
        }
        if (!outsideScope.isEmpty() && problems.isEmpty()) {
            throw Problem.forbidden();
        }
        // refused either way; with other wrong fields, all are told at once
        problems.addAll(outsideScope);
        return areas;
    }

    private static boolean isWebAddress(String web) {
        try {
            URI uri = new URI(web);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static @Nullable String trimmed(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable String text(@Nullable String value, String field, int max, boolean required, List<FieldProblem> problems) {
        String text = trimmed(value);
        if (text == null) {
            if (required) {
                problems.add(new FieldProblem(field, "warning." + field + ".required"));
            }
            return null;
        }
        if (text.length() > max) {
            problems.add(new FieldProblem(field, "problem.field.too-long", max));
        }
        return text;
    }

    private static @Nullable String oneOf(@Nullable String value, String field, Set<String> allowed, boolean required,
                                          List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(field, "warning." + field + ".required", String.join(", ", new TreeSet<>(allowed))));
            }
            return null;
        }
        if (!allowed.contains(value)) {
            problems.add(new FieldProblem(field, "warning.enum.invalid", value, String.join(", ", new TreeSet<>(allowed))));
            return null;
        }
        return value;
    }
}
