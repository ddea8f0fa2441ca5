package io.yingji.warning.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.warning.WarningDraft;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who a warning reaches: counted live while it is composed, and as recorded when it was published.
 * Counts only; who exactly was sent what is the delivery dashboard's
 * ({@code /api/notifications/campaigns/warning:{id}:staff/…}).
 */
@RestController
@Tag(name = "预警发布 Warnings")
class AudienceController {

    /** Targets per audience (STAFF 到岗到人 or PUBLIC 公众) and group; {@code recorded} when counted at publish time. */
    record AudienceView(boolean recorded, int staff, int publicTargets, List<WarningTargeting.GroupCount> groups) {

        static AudienceView of(boolean recorded, List<WarningTargeting.GroupCount> groups) {
            int staff = groups.stream().filter(g -> g.audience().equals(WarningTargeting.STAFF)).mapToInt(WarningTargeting.GroupCount::targeted).sum();
            int citizens = groups.stream().filter(g -> g.audience().equals(WarningTargeting.PUBLIC)).mapToInt(WarningTargeting.GroupCount::targeted).sum();
            return new AudienceView(recorded, staff, citizens, groups.stream().filter(g -> g.targeted() > 0).toList());
        }
    }

    private final WarningTargeting targeting;
    private final WarningValidation validation;
    private final WarningDesk desk;
    private final CallerContext callers;
    private final JdbcClient jdbc;
    private final Clock clock;

    AudienceController(WarningTargeting targeting, WarningValidation validation, WarningDesk desk, CallerContext callers, JdbcClient jdbc,
                       Clock clock) {
        this.clock = clock;
        this.targeting = targeting;
        this.validation = validation;
        this.desk = desk;
        this.callers = callers;
        this.jdbc = jdbc;
    }

    @PostMapping("/api/warnings/audience")
    @Operation(summary = "Count who a warning being composed would reach (its areas, status and scope); every field given is checked as drafting checks it")
    @Transactional(readOnly = true)
    AudienceView preview(@RequestBody WarningDraft draft) {
        Caller caller = callers.requirePermission(Permissions.WARNING_DRAFT);
        // every field given is checked as drafting checks it, so what the preview counts could be drafted
        List<Warning.Area> areas = validation.preview(draft, caller.scope(), caller.region(), clock.instant());
        String status = draft.status() == null ? "Actual" : draft.status();
        String scope = draft.scope() == null ? "Public" : draft.scope();
        List<String> addresses = draft.addresses() == null ? List.of()
                : draft.addresses().stream().filter(java.util.Objects::nonNull).map(String::strip).toList();
        return AudienceView.of(false, targeting.resolve(caller.region().value(), status, scope, addresses, List.of(caller.userId()),
                WarningDesk.areasOf(areas)).counts());
    }

    @GetMapping("/api/warnings/{id}/audience")
    @Operation(summary = "Who the warning reached (recorded at publish) or, before it is published, would reach")
    @Transactional(readOnly = true)
    AudienceView of(@PathVariable long id) {
        callers.requirePermission(Permissions.WARNING_READ);
        Warning w = desk.find(id);
        List<WarningTargeting.GroupCount> recorded = jdbc.sql("""
                select audience, grp, targeted, reachable from warning_targeting where warning_id = :id order by audience desc, grp""")
                .param("id", id)
                .query((rs, n) -> new WarningTargeting.GroupCount(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4))).list();
        if (!recorded.isEmpty()) {
            return AudienceView.of(true, recorded);
        }
        return AudienceView.of(false, targeting.resolve(w.regionCode, w.status, w.scope, w.addresses, WarningTargeting.issuedBy(w),
                WarningDesk.toPublished(w).areas()).counts());
    }
}
