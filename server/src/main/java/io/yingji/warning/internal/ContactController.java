package io.yingji.warning.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.region.Region;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.BoundingBox;
import io.yingji.shared.GeoPoint;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import io.yingji.warning.WarningContacts;
import io.yingji.warning.WarningContacts.Contact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The warning contact directory: kept by those who draft warnings, within their region; and the public's
 * own registration for warnings of where they live ({@code /public/warning-subscriptions}).
 */
@RestController
@Tag(name = "预警发布 Warnings")
class ContactController {

    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,185}\\.[^@\\s]{2,}");

    record ContactDraft(@Nullable String group, @Nullable String name, @Nullable String regionCode, @Nullable String mobile,
                        @Nullable String email, @Nullable String webhookUrl, @Nullable String broadcastTerminal,
                        @Nullable Double longitude, @Nullable Double latitude) {
    }

    /** A member of the public registering: a mobile number and where they live (a township or village), optionally the spot. */
    record Subscription(@Nullable String name, @Nullable String mobile, @Nullable String regionCode, @Nullable Double longitude,
                        @Nullable Double latitude) {
    }

    record Subscribed(boolean alreadyRegistered, String regionName) {
    }

    private final ContactDirectory directory;
    private final RegionDirectory regions;
    private final CallerContext callers;
    private final AuditTrail audit;
    /** Registrations per client address and window: a script cannot sign a whole number range up. */
    private final io.yingji.shared.SlidingWindowLimit limit;

    ContactController(ContactDirectory directory, RegionDirectory regions, CallerContext callers, AuditTrail audit, java.time.Clock clock,
                      @org.springframework.beans.factory.annotation.Value("${yingji.warning.subscriptions-per-window:5}") int perWindow,
                      @org.springframework.beans.factory.annotation.Value("${yingji.warning.subscription-window:PT1H}") java.time.Duration window) {
        this.directory = directory;
        this.regions = regions;
        this.callers = callers;
        this.audit = audit;
        this.limit = new io.yingji.shared.SlidingWindowLimit(perWindow, window, clock);
    }

    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${yingji.warning.subscription-window:PT1H}")
    void forgetQuietAddresses() {
        limit.forgetQuiet();
    }

    @GetMapping("/api/warning-contacts")
    @Operation(summary = "The contact directory within the caller's region (filters: region subtree, group, name or mobile)")
    PageOf<ContactDirectory.Entry> list(@RequestParam(required = false) @Nullable String regionCode,
                                        @RequestParam(required = false) @Nullable String group,
                                        @RequestParam(required = false) @Nullable String q,
                                        @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        callers.requirePermission(Permissions.WARNING_DRAFT);
        PageOf.check(page, size);
        if (regionCode != null && !RegionCode.isValid(regionCode)) {
            throw Problem.invalid("regionCode", "warning.contact.region", regionCode);
        }
        if (group != null && !WarningContacts.GROUPS.contains(group)) {
            throw Problem.invalid("group", "warning.contact.group", String.join("、", WarningContacts.GROUPS));
        }
        return directory.search(regionCode, group, q, page, size);
    }

    @PostMapping("/api/warning-contacts")
    @Operation(summary = "Add a person, place or terminal to the directory (a region within the caller's)")
    @Transactional
    ResponseEntity<ContactDirectory.Entry> add(@RequestBody ContactDraft draft) {
        Caller caller = callers.requirePermission(Permissions.WARNING_DRAFT);
        List<FieldProblem> problems = new ArrayList<>();
        if (draft.group() == null || !WarningContacts.GROUPS.contains(draft.group())) {
            problems.add(new FieldProblem("group", "warning.contact.group", String.join("、", WarningContacts.GROUPS)));
        }
        Contact contact = validate(draft.group(), draft.name(), draft.regionCode(), draft.mobile(), draft.email(), draft.webhookUrl(),
                draft.broadcastTerminal(), draft.longitude(), draft.latitude(), problems, false);
        if (!caller.scope().coversRegion(RegionCode.of(contact.regionCode()))) {
            throw Problem.forbidden();
        }
        long id = directory.add(contact);
        audit.record("warning.contact.add", "warning_contact", String.valueOf(id), contact.regionCode(),
                Map.of("group", contact.group(), "name", contact.name()));
        return ResponseEntity.status(201).body(directory.find(id).orElseThrow());
    }

    @DeleteMapping("/api/warning-contacts/{id}")
    @Operation(summary = "Remove an entry of the directory")
    @Transactional
    ResponseEntity<Void> remove(@PathVariable long id) {
        callers.requirePermission(Permissions.WARNING_DRAFT);
        ContactDirectory.Entry entry = directory.visible(id)
                .orElseThrow(() -> Problem.outOfScope("warning_contact", id));
        directory.delete(id);
        audit.record("warning.contact.remove", "warning_contact", String.valueOf(id), entry.regionCode(),
                Map.of("group", entry.group(), "name", entry.name()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/public/warning-subscriptions")
    @Operation(summary = "A member of the public registers a mobile number for the warnings of their township or village (no login)")
    @Transactional
    ResponseEntity<Subscribed> subscribe(@RequestBody Subscription s, jakarta.servlet.http.HttpServletRequest request) {
        if (!limit.allow(request.getRemoteAddr())) {
            throw new Problem(429, "warning.subscription.too-many");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String name = s.name() == null || s.name().isBlank() ? "公众用户" : s.name();
        Contact contact = validate(WarningContacts.PUBLIC, name, s.regionCode(), s.mobile(), null, null, null, s.longitude(),
                s.latitude(), problems, true);
        String regionName = regions.fullName(RegionCode.of(contact.regionCode()));
        if (directory.publicRegistered(contact.mobile(), contact.regionCode())) {
            return ResponseEntity.ok(new Subscribed(true, regionName));
        }
        directory.add(contact);
        return ResponseEntity.status(201).body(new Subscribed(false, regionName));
    }

    /** Checks an entry; throws 400 listing every problem (with those already in {@code problems}). */
    private Contact validate(@Nullable String group, @Nullable String name, @Nullable String regionCode, @Nullable String mobile,
                             @Nullable String email, @Nullable String webhookUrl, @Nullable String broadcastTerminal,
                             @Nullable Double longitude, @Nullable Double latitude, List<FieldProblem> problems, boolean publicEntry) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 64) {
            problems.add(new FieldProblem("name", "warning.contact.name", 64));
        }
        Optional<Region> region = regionCode != null && RegionCode.isValid(regionCode) ? regions.find(RegionCode.of(regionCode)) : Optional.empty();
        if (region.isEmpty()) {
            problems.add(regionCode == null || regionCode.isBlank() ? new FieldProblem("regionCode", "enterprise.region.required")
                    : new FieldProblem("regionCode", "warning.contact.region", regionCode));
        } else if (publicEntry && region.get().level() < 4) {
            problems.add(new FieldProblem("regionCode", "warning.subscription.region"));
        }
        String m = blank(mobile);
        String e = blank(email);
        String w = blank(webhookUrl);
        String b = blank(broadcastTerminal);
        if (m != null && !io.yingji.shared.MobileNumber.isMobile(m)) {
            problems.add(new FieldProblem("mobile", "warning.contact.mobile", m));
        }
        if (e != null && (e.length() > 254 || !EMAIL.matcher(e).matches())) {
            problems.add(new FieldProblem("email", "warning.contact.email", e));
        }
        if (w != null && (w.length() > 500 || !(w.startsWith("https://") || w.startsWith("http://")))) {
            problems.add(new FieldProblem("webhookUrl", "warning.contact.webhook"));
        }
        if (b != null && b.length() > 64) {
            problems.add(new FieldProblem("broadcastTerminal", "warning.contact.terminal", 64));
        }
        if (publicEntry ? m == null : m == null && e == null && w == null && b == null) {
            problems.add(new FieldProblem("mobile", publicEntry ? "warning.subscription.mobile" : "warning.contact.address"));
        }
        if ((longitude == null) != (latitude == null)
                || longitude != null && !BoundingBox.CHINA.contains(new GeoPoint(longitude, latitude))) {
            problems.add(new FieldProblem("longitude", "warning.contact.location"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        return new Contact(group, n, regionCode, m, e, w, b, longitude, latitude);
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
