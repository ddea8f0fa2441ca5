package io.yingji.warning.internal;

import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import io.yingji.warning.WarningCancelled;
import io.yingji.warning.WarningLevel;
import io.yingji.warning.WarningUpdated;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Import of CAP 1.2 alerts from other issuers (a weather service, a neighbouring city): the document
 * must be well-formed without any DOCTYPE, valid against the schema, and make sense — every error is
 * reported with its line and column, and nothing is stored unless there are none. The alert is kept as
 * an external warning (state RECEIVED) with its original document. An imported Update or Cancel ends
 * only warnings imported earlier from the same sender and in the importer's scope (announced with
 * {@link WarningUpdated} / {@link WarningCancelled}, as the workflow does); the platform's own warnings
 * are never changed by an import — they are updated and cancelled through the workflow, with approval.
 * What CAP 1.2 allows is taken as it comes: the document's own encoding, hour 24, texts of any length, an empty
 * restriction, addresses on any scope, point circles; identifiers are unique per sender; an Update whose
 * predecessors were never received here starts a chain of its own; a chain keeps its status.
 */
@Service
class CapImport {

    static final List<String> STATUSES = List.of("Actual", "Exercise", "System", "Test", "Draft");
    /** The geocode value names taken to mean a GB/T 2260 administrative division code. */
    static final Set<String> REGION_GEOCODES = Set.of("GB/T 2260", "GB/T2260", "GB2260", "GB 2260", "ADCODE");

    /** An element of the parsed document with where it started. */
    record Node(String name, int line, int column, String text, List<Node> children) {

        @Nullable Node child(String name) {
            return children.stream().filter(c -> c.name.equals(name)).findFirst().orElse(null);
        }

        List<Node> all(String name) {
            return children.stream().filter(c -> c.name.equals(name)).toList();
        }

        @Nullable String value(String name) {
            Node child = child(name);
            return child == null ? null : child.text.strip();
        }
    }

    private final CapSchema schema;
    private final WarningRepository warnings;
    private final RegionDirectory regions;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final WarningSettings settings;
    private final Clock clock;

    CapImport(CapSchema schema, WarningRepository warnings, RegionDirectory regions, CallerContext callers, AuditTrail audit,
              ApplicationEventPublisher events, WarningSettings settings, Clock clock) {
        this.schema = schema;
        this.warnings = warnings;
        this.regions = regions;
        this.callers = callers;
        this.audit = audit;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether a CAP sender is this platform's own ({@code <region>@<sender-domain>}). */
    private boolean isOurs(String sender) {
        return sender.toLowerCase(java.util.Locale.ROOT).endsWith("@" + settings.senderDomain().toLowerCase(java.util.Locale.ROOT));
    }

    @Transactional
    Warning importAlert(byte[] document) {
        Caller caller = callers.requirePermission(Permissions.WARNING_DRAFT);
        if (caller.enterpriseId() != null) {
            throw Problem.forbidden();
        }
        if (document.length == 0) {
            throw Problem.invalid("body", "warning.import.empty");
        }
        String text = CapEncoding.decode(document);
        List<CapSchema.Error> schemaErrors = schema.validate(document);
        if (!schemaErrors.isEmpty()) {
            throw Problem.invalid(schemaErrors.stream().map(e -> new FieldProblem(e.line(), e.column(), "alert",
                    e.message() != null && e.message().contains("DOCTYPE") ? "warning.import.doctype"
                            : e.wellFormedness() ? "warning.import.malformed" : "warning.import.schema", e.message())).toList());
        }
        Node alert = parse(document);
        List<FieldProblem> problems = new ArrayList<>();
        Warning w = new Warning();
        w.origin = Warning.Origin.EXTERNAL;
        w.state = Warning.State.RECEIVED;
        w.capXml = text;
        w.identifier = token(alert, "identifier", problems);
        w.sender = token(alert, "sender", problems);
        if (!w.sender.isEmpty() && isOurs(w.sender)) {
            problems.add(at(alert.child("sender"), "alert.sender", "warning.import.sender-own", w.sender));
        }
        w.sent = CapTimes.parse(alert.value("sent"));
        w.status = alert.value("status");
        w.msgType = alert.value("msgType");
        w.scope = alert.value("scope");
        // an empty <restriction/> says nothing (Canada's NAAD sends one with every Public alert)
        w.restriction = blankToNull(alert.value("restriction"));
        // addresses are required for Private and optional for Public and Restricted (CAP 1.2 §3.2.1)
        w.addresses = alert.value("addresses") == null ? List.of() : CapText.splitAddresses(alert.value("addresses"));
        w.note = blankToNull(alert.value("note"));
        if (List.of("Ack", "Error").contains(w.msgType)) {
            problems.add(at(alert.child("msgType"), "alert.msgType", "warning.import.msg-type", w.msgType));
        }
        if (w.scope.equals("Restricted") && w.restriction == null) {
            problems.add(at(alert.child("scope"), "alert.restriction", "warning.restriction.required"));
        }
        if (w.restriction != null && !w.scope.equals("Restricted")) {
            problems.add(at(alert.child("restriction"), "alert.restriction", "warning.restriction.only-restricted"));
        }
        if (w.scope.equals("Private") && w.addresses.isEmpty()) {
            problems.add(at(alert.child("scope"), "alert.addresses", "warning.addresses.required"));
        }
        if (!w.identifier.isEmpty() && !w.sender.isEmpty() && warnings.identifierTaken(w.sender, w.identifier)) {
            problems.add(at(alert.child("identifier"), "alert.identifier", "warning.import.duplicate", w.identifier, w.sender));
        }
        List<Warning> replaced = references(alert, w, problems);
        List<Node> infos = alert.all("info");
        if (infos.isEmpty() && !w.msgType.equals("Cancel")) {
            problems.add(at(alert, "alert.info", "warning.import.info-required"));
        } else if (infos.isEmpty() && replaced.isEmpty()
                && problems.stream().noneMatch(p -> p.field().equals("alert.references") || p.field().equals("alert.status"))) {
            // a Cancel of messages we never received, with no info of its own: there is nothing to keep or to end
            problems.add(at(alert.child("references"), "alert.references", "warning.import.cancel-unknown"));
        }
        for (int i = 0; i < infos.size(); i++) {
            checkInfo(infos.get(i), "alert.info[" + i + "]", w.sent, problems);
        }
        if (problems.isEmpty() && entirelyOutside(infos, caller)) {
            problems.add(at(infos.get(0).child("area"), "alert.info[0].area", "warning.import.outside-region"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        if (!infos.isEmpty()) {
            copyInfo(infos.get(0), w);
        } else {
            copyFrom(replaced.get(replaced.size() - 1), w);
        }
        w.references = alert.value("references") == null ? List.of() : Arrays.asList(alert.value("references").split("\\s+"));
        w.predecessorId = replaced.isEmpty() ? null : replaced.get(replaced.size() - 1).id;
        w.regionCode = caller.region().value();
        w.draftedBy = caller.userId();
        w.draftedByName = caller.displayName();
        Instant now = clock.instant();
        w.createdAt = now;
        w.updatedAt = now;
        long id = warnings.insert(w);
        warnings.record(id, new Warning.Transition("import", null, Warning.State.RECEIVED), caller.username(), now, w.sender);
        audit.record("warning.import", "warning", String.valueOf(id), w.regionCode,
                Map.of("identifier", w.identifier, "sender", w.sender, "msgType", w.msgType, "status", w.status));
        for (Warning earlier : replaced) {
            if (earlier.state == Warning.State.RECEIVED || earlier.state == Warning.State.PUBLISHED) {
                Warning.Transition ended = w.msgType.equals("Cancel") ? earlier.cancel() : earlier.supersede();
                earlier.updatedAt = now;
                if (!warnings.save(earlier)) {
                    throw Problem.conflict("problem.version.stale");
                }
                warnings.record(earlier.id, ended, caller.username(), now, w.identifier);
                audit.record("warning." + ended.action(), "warning", String.valueOf(earlier.id), earlier.regionCode,
                        Map.of("state", List.of(ended.from().name(), ended.to().name()), "by", w.identifier));
                events.publishEvent(ended.to() == Warning.State.CANCELLED
                        ? new WarningCancelled(earlier.id, earlier.identifier, id, earlier.regionCode)
                        : new WarningUpdated(earlier.id, earlier.identifier, id));
            }
        }
        return warnings.find(id).orElseThrow();
    }

    /**
     * Update and Cancel must reference messages we hold (sender, identifier and sent alike); answers them, oldest first.
     * Only earlier imports of the same sender may be referenced: a reference to one of our own warnings is refused
     * (whether it exists or not, so nothing is learnt), and one the importer cannot see is unknown to them.
     */
    private List<Warning> references(Node alert, Warning w, List<FieldProblem> problems) {
        Node node = alert.child("references");
        List<Warning> found = new ArrayList<>();
        if (node == null) {
            if (w.msgType.equals("Update") || w.msgType.equals("Cancel")) {
                problems.add(at(alert.child("msgType"), "alert.references", "warning.import.references-required", w.msgType));
            }
            return found;
        }
        for (String entry : node.text.strip().split("\\s+")) {
            String[] parts = entry.split(",");
            if (parts.length != 3) {
                problems.add(at(node, "alert.references", "warning.import.reference-format", entry));
                continue;
            }
            if (isOurs(parts[0])) {
                problems.add(at(node, "alert.references", "warning.import.reference-own", entry));
                continue;
            }
            Warning earlier = warnings.visibleBySenderAndIdentifier(parts[0], parts[1]).orElse(null);
            if (earlier == null || earlier.origin != Warning.Origin.EXTERNAL) {
                // never received here (a receiver that joins mid-chain): the message starts a chain of its own, its
                // references recorded as they came; parse the time anyway so a malformed one is still refused
                try {
                    CapTimes.parse(parts[2]);
                } catch (java.time.format.DateTimeParseException e) {
                    problems.add(at(node, "alert.references", "warning.import.reference-format", entry));
                }
                continue;
            }
            try {
                if (earlier.sent != null && !CapTimes.parse(parts[2]).equals(earlier.sent)) {
                    problems.add(at(node, "alert.references", "warning.import.reference-sent", entry));
                    continue;
                }
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(at(node, "alert.references", "warning.import.reference-format", entry));
                continue;
            }
            if (!earlier.sender.equals(w.sender)) {
                problems.add(at(node, "alert.references", "warning.import.reference-other-sender", entry));
                continue;
            }
            if (!earlier.status.equals(w.status)) {
                // an Exercise stays an exercise: an Update or Cancel does not turn it into an Actual alert, nor back
                problems.add(at(alert.child("status"), "alert.status", "warning.chain.status-change", earlier.status, w.status));
                continue;
            }
            found.add(earlier);
        }
        return found;
    }

    /**
     * Whether the alert's located areas all lie outside the importer's region: none of its GB/T 2260 geocodes is the
     * importer's region, above or below it, and none of its polygons or circles overlaps the region's extent. An
     * alert that locates nothing (area descriptions only) is not judged; an unlimited scope takes everything.
     */
    private boolean entirelyOutside(List<Node> infos, Caller caller) {
        if (caller.scope().regionPrefix() == null) {
            return false;
        }
        RegionCode own = caller.region();
        io.yingji.shared.BoundingBox extent = regions.extentOf(own);
        boolean located = false;
        for (Node info : infos) {
            for (Node area : info.all("area")) {
                for (Node geocode : area.all("geocode")) {
                    String name = geocode.value("valueName");
                    String value = geocode.value("value");
                    if (name != null && REGION_GEOCODES.contains(name.toUpperCase(java.util.Locale.ROOT)) && value != null
                            && RegionCode.isValid(value)) {
                        located = true;
                        RegionCode code = RegionCode.of(value);
                        if (own.contains(code) || code.contains(own)) {
                            return false;
                        }
                    }
                }
                for (Node polygon : area.all("polygon")) {
                    located = true;
                    if (AreaGeometry.intersects(extent, CapGeometry.polygon(polygon.text).value())) {
                        return false;
                    }
                }
                for (Node circle : area.all("circle")) {
                    located = true;
                    CapGeometry.Circle c = CapGeometry.circle(circle.text).value();
                    if (AreaGeometry.intersects(extent, c.center(), c.radiusKm())) {
                        return false;
                    }
                }
            }
        }
        return located;
    }

    private void checkInfo(Node info, String path, Instant sent, List<FieldProblem> problems) {
        Instant effective = time(info, "effective");
        Instant onset = time(info, "onset");
        Instant expires = time(info, "expires");
        if (expires != null) {
            if (!expires.isAfter(sent)) {
                problems.add(at(info.child("expires"), path + ".expires", "warning.import.expires-before-sent"));
            } else if (effective != null && !expires.isAfter(effective)) {
                problems.add(at(info.child("expires"), path + ".expires", "warning.expires.before-effective"));
            } else if (onset != null && !expires.isAfter(onset)) {
                problems.add(at(info.child("expires"), path + ".expires", "warning.expires.before-onset"));
            }
        }
        // CAP 1.2 sets no length for event, headline, description or instruction ("SHOULD be less than 160
        // characters" for headline is advice to senders): what we receive is stored whole
        List<Node> areas = info.all("area");
        for (int a = 0; a < areas.size(); a++) {
            Node area = areas.get(a);
            String areaPath = path + ".area[" + a + "]";
            List<Node> polygons = area.all("polygon");
            for (int p = 0; p < polygons.size(); p++) {
                String problem = CapGeometry.polygon(polygons.get(p).text).problem();
                if (problem != null) {
                    problems.add(at(polygons.get(p), areaPath + ".polygon[" + p + "]", problem));
                }
            }
            List<Node> circles = area.all("circle");
            for (int c = 0; c < circles.size(); c++) {
                String problem = CapGeometry.circle(circles.get(c).text).problem();
                if (problem != null) {
                    problems.add(at(circles.get(c), areaPath + ".circle[" + c + "]",
                            problem.equals("warning.circle.radius") ? "warning.import.circle-radius" : problem));
                }
            }
            List<Node> geocodes = area.all("geocode");
            for (int g = 0; g < geocodes.size(); g++) {
                Node geocode = geocodes.get(g);
                String name = geocode.value("valueName");
                String value = geocode.value("value");
                if (name != null && REGION_GEOCODES.contains(name.toUpperCase(java.util.Locale.ROOT))
                        && (value == null || !RegionCode.isValid(value) || regions.find(RegionCode.of(value)).isEmpty())) {
                    problems.add(at(geocode, areaPath + ".geocode[" + g + "]", "warning.import.geocode-unknown", String.valueOf(value)));
                }
            }
        }
    }

    /** The first info block is what lists and the public page show; the document itself keeps all of them. */
    private static void copyInfo(Node info, Warning w) {
        w.language = info.value("language") == null ? "en-US" : truncate(info.value("language"), 16);
        w.category = info.value("category");
        w.event = info.value("event") == null ? "" : info.value("event");
        w.responseType = info.value("responseType");
        w.urgency = info.value("urgency");
        w.severity = info.value("severity");
        w.certainty = info.value("certainty");
        w.level = WarningLevel.ofSeverity(w.severity);
        w.headline = info.value("headline");
        w.description = info.value("description");
        w.instruction = info.value("instruction");
        w.effective = time(info, "effective");
        w.onset = time(info, "onset");
        w.expires = time(info, "expires");
        w.senderName = info.value("senderName");
        w.web = info.value("web");
        w.contact = info.value("contact");
        List<Warning.Area> areas = new ArrayList<>();
        for (Node area : info.all("area")) {
            List<String> polygons = area.all("polygon").stream().map(p -> CapGeometry.polygonText(CapGeometry.polygon(p.text).value())).toList();
            String circle = area.all("circle").isEmpty() ? null : CapGeometry.circleText(CapGeometry.circle(area.all("circle").get(0).text).value());
            Node geocode = area.child("geocode");
            String desc = area.value("areaDesc") == null ? "" : area.value("areaDesc");
            String kind = !polygons.isEmpty() ? "POLYGON" : circle != null ? "CIRCLE" : "REGION";
            areas.add(new Warning.Area(kind, desc, geocode == null ? null : truncate(geocode.value("value"), 32),
                    geocode == null ? null : truncate(geocode.value("valueName"), 64), null, polygons, circle));
        }
        w.areas = areas;
    }

    private static void copyFrom(Warning p, Warning w) {
        w.language = p.language;
        w.category = p.category;
        w.event = p.event;
        w.urgency = p.urgency;
        w.severity = p.severity;
        w.certainty = p.certainty;
        w.level = p.level;
        w.headline = p.headline;
        w.expires = p.expires;
        w.areas = p.areas;
    }

    private static @Nullable Instant time(Node info, String name) {
        String value = info.value(name);
        return value == null ? null : CapTimes.parse(value);
    }

    private static String token(Node alert, String name, List<FieldProblem> problems) {
        String value = alert.value(name);
        if (value == null || !CapText.isToken(value) || value.length() > 128) {
            problems.add(at(alert.child(name), "alert." + name, "warning.import.token", name));
            return value == null ? "" : value;
        }
        return value;
    }

    private static FieldProblem at(@Nullable Node node, String field, String key, Object... args) {
        return new FieldProblem(node == null ? null : node.line(), node == null ? null : node.column(), field, key, args);
    }

    private static String truncate(@Nullable String text, int max) {
        String value = text == null ? "" : text;
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** The document (already validated) as a tree of CAP elements with their positions. */
    static Node parse(byte[] document) {
        record Open(String name, int line, int column, StringBuilder text, List<Node> children) {
        }
        List<Open> stack = new ArrayList<>();
        Node[] root = new Node[1];
        DefaultHandler handler = new DefaultHandler() {
            private @Nullable Locator locator;

            @Override
            public void setDocumentLocator(Locator locator) {
                this.locator = locator;
            }

            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                stack.add(new Open(localName, locator == null ? 0 : locator.getLineNumber(),
                        locator == null ? 0 : locator.getColumnNumber(), new StringBuilder(), new ArrayList<>()));
            }

            @Override
            public void characters(char[] ch, int start, int length) {
                stack.get(stack.size() - 1).text().append(ch, start, length);
            }

            @Override
            public void endElement(String uri, String localName, String qName) {
                Open open = stack.remove(stack.size() - 1);
                Node node = new Node(open.name(), open.line(), open.column(), open.text().toString(), List.copyOf(open.children()));
                if (stack.isEmpty()) {
                    root[0] = node;
                } else {
                    stack.get(stack.size() - 1).children().add(node);
                }
            }
        };
        try {
            XMLReader reader = CapSchema.secureReader();
            reader.setContentHandler(handler);
            reader.parse(new InputSource(new ByteArrayInputStream(document)));
        } catch (SAXException | IOException e) {
            throw Problem.invalid("alert", "warning.import.malformed", String.valueOf(e.getMessage()));
        }
        return root[0];
    }
}
