package io.yingji.risk.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.audit.AuditTrail;
import io.yingji.enterprise.Enterprise;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.enterprise.EnterpriseSearch;
import io.yingji.enterprise.MapPoint;
import io.yingji.risk.RiskLevel;
import io.yingji.shared.Problem;
import io.yingji.shared.RegionCode;
import io.yingji.shared.Spreadsheet;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.Collator;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import io.yingji.shared.UtcTimestamps;
import java.net.URI;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 每日承诺: enterprises with 红 or 橙 risk, or with a graded major hazard source, commit each day that
 * their controls are in place; their supervisors see who has not, day by day (Asia/Shanghai).
 */
@RestController
@Tag(name = "风险辨识评估 Risk assessment")
class DailyCommitments implements io.yingji.risk.DailyCommitmentDesk {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String DEFAULT_CONTENT = "本企业已对重大风险管控措施逐项检查，措施落实到位，安全风险处于受控状态。";
    private static final ScopeColumns COLUMNS = new ScopeColumns("d.region_code", "d.industry", "d.enterprise_id");
    private static final ScopeColumns POINTS = new ScopeColumns("p.region_code", "p.industry", "p.enterprise_id");

    record Commitment(@Nullable String content) {
    }

    record Today(LocalDate day, boolean required, boolean committed, @Nullable Instant committedAt) {
    }

    record Missing(long enterpriseId, String name, String regionCode) {
    }

    /** {@code recorded} is false for a past day of which no roll was kept (before the platform took one). */
    record Summary(LocalDate day, boolean recorded, int required, int committed, List<Missing> missing) {
    }

    private final JdbcClient jdbc;
    private final ScopedQueries scoped;
    private final EnterpriseRegistry enterprises;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final Clock clock;
    private final io.yingji.jobs.JobLease lease;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    DailyCommitments(JdbcClient jdbc, ScopedQueries scoped, EnterpriseRegistry enterprises, CallerContext callers,
                     AuditTrail audit, Clock clock, io.yingji.jobs.JobLease lease,
                     org.springframework.transaction.support.TransactionTemplate transactions) {
        this.lease = lease;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.scoped = scoped;
        this.enterprises = enterprises;
        this.callers = callers;
        this.audit = audit;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), SHANGHAI);
    }

    @PostMapping("/api/enterprises/{id}/commitments")
    @Operation(summary = "Today's commitment of an enterprise that must make one (409 when already made today)")
    @Transactional
    ResponseEntity<Today> commit(@PathVariable long id, @RequestBody Commitment body) {
        Enterprise enterprise = enterprises.find(id).orElseThrow(() -> Problem.outOfScope("enterprise", id));
        Caller caller = callers.requirePermission(Permissions.RISK_WRITE);
        if (!required().contains(id)) {
            throw Problem.conflict("risk.commitment.not-required");
        }
        String content = body.content() == null || body.content().isBlank() ? DEFAULT_CONTENT : body.content().strip();
        if (content.length() > 1000) {
            throw Problem.invalid("content", "problem.field.too-long", 1000);
        }
        LocalDate day = today();
        Instant now = clock.instant();
        if (!insert(enterprise, day, content, caller.username(), now)) {
            throw Problem.conflict("risk.commitment.already", day.toString());
        }
        return ResponseEntity.created(URI.create("/api/enterprises/" + id + "/commitments/today"))
                .body(new Today(day, true, true, now));
    }

    /** Records the day's commitment and its audit entry; false when the enterprise has made it already that day. */
    private boolean insert(Enterprise enterprise, LocalDate day, String content, String by, Instant now) {
        long id = enterprise.id();
        if (committedOn(id, day) != null) {
            return false;
        }
        try {
            jdbc.sql("""
                    insert into daily_commitment (enterprise_id, region_code, industry, commitment_day, content, committed_by, committed_at)
                    values (:id, :region, :industry, :day, :content, :by, :at)""")
                    .param("id", id).param("region", enterprise.regionCode()).param("industry", enterprise.industry().name())
                    .param("day", Date.valueOf(day)).param("content", content).param("by", by)
                    .param("at", UtcTimestamps.of(now)).update();
        } catch (DuplicateKeyException raced) {
            return false;
        }
        audit.record("risk.commitment", "enterprise", String.valueOf(id), enterprise.regionCode(), Map.of("day", day.toString()));
        return true;
    }

    @Override
    public Set<Long> requiredToday() {
        return required();
    }

    @Override
    @Transactional
    public int commitToday(java.util.Collection<Long> enterpriseIds) {
        Set<Long> required = required();
        String by = callers.current().map(Caller::username).orElse("system");
        LocalDate day = today();
        int made = 0;
        for (long id : enterpriseIds) {
            if (!required.contains(id)) {
                continue;
            }
            Enterprise enterprise = enterprises.find(id).orElse(null);
            if (enterprise != null && insert(enterprise, day, DEFAULT_CONTENT, by, clock.instant())) {
                made++;
            }
        }
        return made;
    }

    @GetMapping("/api/enterprises/{id}/commitments/today")
    @Operation(summary = "Whether the enterprise must commit today and whether it has")
    Today today(@PathVariable long id) {
        callers.requirePermission(Permissions.RISK_READ);
        enterprises.find(id).orElseThrow(() -> Problem.notFound("enterprise", id));
        LocalDate day = today();
        Instant at = committedOn(id, day);
        return new Today(day, required().contains(id), at != null, at);
    }

    /** The orders the missing list can take: by region (then name), the default, or by name (then region). */
    private static final Map<String, Comparator<Missing>> SORT = Map.of(
            "name", Comparator.comparing(Missing::name, Collator.getInstance(Locale.CHINA)).thenComparing(Missing::regionCode),
            "regionCode", Comparator.comparing(Missing::regionCode).thenComparing(Missing::name, Collator.getInstance(Locale.CHINA)));

    /** The missing list in the order {@code sort} asks for ({@code name}, {@code regionCode,desc}, …); unknown → 400 on {@code sort}. */
    static List<Missing> sorted(List<Missing> missing, @Nullable String sort) {
        String[] parts = sort == null || sort.isBlank() ? new String[] {"regionCode"} : sort.trim().split(",", -1);
        Comparator<Missing> order = SORT.get(parts[0].trim());
        String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
        if (order == null || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            throw Problem.invalid("sort", "problem.sort.unknown", String.valueOf(sort), "name, regionCode");
        }
        List<Missing> rows = new java.util.ArrayList<>(missing);
        rows.sort(direction.equals("desc") ? order.reversed().thenComparingLong(Missing::enterpriseId)
                : order.thenComparingLong(Missing::enterpriseId));
        return rows;
    }

    @GetMapping("/api/commitments")
    @Operation(summary = "For supervisors: the enterprises in scope that had to commit on a day (as it stood that day) and those "
            + "that did not; the missing list sorts by sort=regionCode|name[,asc|desc] (default regionCode)")
    @Transactional
    Summary summary(@RequestParam(required = false) @Nullable LocalDate day, @RequestParam(required = false) @Nullable String sort) {
        Summary summary = summary(day);
        return new Summary(summary.day(), summary.recorded(), summary.required(), summary.committed(), sorted(summary.missing(), sort));
    }

    /** The export's columns: the missing list as the page shows it, in Chinese. */
    private static final List<Spreadsheet.Column<Missing>> EXPORT = List.of(
            new Spreadsheet.Column<>("企业名称", 36, Missing::name),
            new Spreadsheet.Column<>("行政区划代码", 14, Missing::regionCode),
            new Spreadsheet.Column<>("承诺状态", 10, m -> "未承诺"));

    @GetMapping("/api/commitments/export")
    @Operation(summary = "The enterprises in scope that did not commit on the day, as an Excel file: narrowed like the page "
            + "(regionCode subtree, q in the name) and in the list's order")
    @Transactional
    void export(@RequestParam(required = false) @Nullable LocalDate day, @RequestParam(required = false) @Nullable String regionCode,
                @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String sort,
                HttpServletResponse response) throws IOException {
        if (regionCode != null && !RegionCode.isValid(regionCode)) {
            throw Problem.invalid("regionCode", "enterprise.region.invalid", regionCode);
        }
        Summary summary = summary(day);
        List<Missing> rows = sorted(summary.missing(), sort).stream()
                .filter(m -> regionCode == null || RegionCode.of(regionCode).contains(RegionCode.of(m.regionCode())))
                .filter(m -> q == null || q.isBlank() || m.name().contains(q.strip())).toList();
        audit.recordExport("commitment", "daily_commitment", regionCode, new ExportFilter(summary.day(), regionCode, q, sort), rows.size());
        String name = summary.day() + " 未承诺企业";
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Spreadsheet.attachment(name + ".xlsx"));
        response.setContentType(Spreadsheet.CONTENT_TYPE);
        Spreadsheet.write(name, EXPORT, rows, response.getOutputStream());
    }

    /** The missing list export's filters, as its audit entry names them. */
    record ExportFilter(LocalDate day, @Nullable String regionCode, @Nullable String q, @Nullable String sort) {
    }

    /** Today's (or another day's) summary, the missing list in the default order. */
    Summary summary(@Nullable LocalDate day) {
        callers.requirePermission(Permissions.RISK_READ);
        LocalDate today = today();
        LocalDate date = day == null ? today : day;
        if (date.isAfter(today)) {
            throw Problem.invalid("day", "risk.commitment.future", today.toString());
        }
        if (date.equals(today)) {
            roll(today);
        }
        Set<Long> required = new HashSet<>(scoped.sql("select d.enterprise_id from commitment_roll d where {scope} and d.roll_day = :day", COLUMNS)
                .param("day", Date.valueOf(date)).query(Long.class).list());
        Set<Long> committed = new HashSet<>(scoped.sql("select d.enterprise_id from daily_commitment d where {scope} and d.commitment_day = :day", COLUMNS)
                .param("day", Date.valueOf(date)).query(Long.class).list());
        List<MapPoint> points = required.isEmpty() ? List.of() : enterprises.mapPoints(new EnterpriseSearch(null, null, null, null));
        List<Missing> missing = points.stream().filter(p -> required.contains(p.id()) && !committed.contains(p.id()))
                .map(p -> new Missing(p.id(), p.name(), p.regionCode())).toList();
        return new Summary(date, date.equals(today) || !required.isEmpty(), required.size(),
                (int) required.stream().filter(committed::contains).count(), missing);
    }

    /**
     * Adds to the day's roll every enterprise in scope that must commit now (an enterprise whose risk
     * rose during the day joins it; none leaves). Run for all enterprises by the job, and for the
     * caller's scope whenever today's list is asked for. Parallel rolls of one day (two supervisors opening
     * the list, parallel reminders) add each enterprise once: the second insert of a row does nothing.
     */
    void roll(LocalDate day) {
        Set<Long> required = required();
        if (required.isEmpty()) {
            return;
        }
        for (MapPoint point : enterprises.mapPoints(new EnterpriseSearch(null, null, null, null))) {
            if (required.contains(point.id())) {
                jdbc.sql("""
                        insert into commitment_roll (roll_day, enterprise_id, region_code, industry)
                        values (:day, :id, :region, :industry) on conflict do nothing""")
                        .param("day", Date.valueOf(day)).param("id", point.id()).param("region", point.regionCode())
                        .param("industry", point.industry().name()).update();
            }
        }
    }

    /** Takes today's roll for every enterprise, on one instance at a time. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${yingji.risk.commitment-roll-interval:PT15M}",
            initialDelayString = "${yingji.risk.commitment-roll-initial-delay:PT1M}")
    void rollAll() {
        lease.runExclusively("commitment-roll", java.time.Duration.ofMinutes(5), () -> callers.runAsSystem(() -> {
            transactions.executeWithoutResult(status -> roll(today()));
            return true;
        }), false);
    }

    /** Enterprises in scope that must commit: 红/橙 risk or a graded major hazard source. */
    private Set<Long> required() {
        Set<Long> ids = new HashSet<>(scoped.sql("select distinct p.enterprise_id from risk_point p where {scope} and p.level in (:levels)", POINTS)
                .param("levels", List.of(RiskLevel.RED.name(), RiskLevel.ORANGE.name())).query(Long.class).list());
        enterprises.mapPoints(new EnterpriseSearch(null, null, null, true)).forEach(p -> ids.add(p.id()));
        return ids;
    }

    private @Nullable Instant committedOn(long enterpriseId, LocalDate day) {
        return jdbc.sql("select committed_at from daily_commitment where enterprise_id = :id and commitment_day = :day")
                .param("id", enterpriseId).param("day", Date.valueOf(day))
                .query((rs, n) -> UtcTimestamps.read(rs, "committed_at")).optional().orElse(null);
    }
}
