package io.yingji.notification.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.CallerContext;
import io.yingji.access.DataScope;
import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.audit.AuditTrail;
import io.yingji.notification.Channel;
import io.yingji.notification.Target;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.RegionCode;
import io.yingji.shared.Spreadsheet;
import io.yingji.shared.UtcTimestamps;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The live delivery dashboard: a campaign's coverage per region and channel, and its tasks. A caller
 * sees a campaign whose area overlaps their region (it lies in their subtree, or their region lies in
 * its area) and, of it, only the targets in their own subtree; anyone else gets 404.
 *
 * <p>Per target: <b>sent</b> — some task was accepted by its provider; <b>delivered</b> — some task
 * was confirmed delivered; <b>acknowledged</b> — the target confirmed (叫应); <b>reached</b> —
 * delivered or acknowledged; <b>failed</b> — every channel tried failed (a send the provider later reported failed included); <b>pending</b> — a task is still
 * queued or being sent; <b>unreachable</b> — no address for any of the campaign's channels.
 * 发布公众覆盖率 (publicCoverageRate) is reached / targeted among the public ({@value Target#PUBLIC});
 * 到岗到人率 (dutyAcknowledgementRate) is acknowledged / targeted among everyone else.
 */
@RestController
@Tag(name = "通知 Notifications")
class CoverageController {

    static final ScopeColumns TARGET_REGION = ScopeColumns.region("g.region_code");
    static final List<String> STATUSES = List.of("QUEUED", "SENDING", "SENT", "DELIVERED", "FAILED", "ACKNOWLEDGED", "CANCELLED");

    record Figures(long targeted, long sent, long delivered, long acknowledged, long reached, long failed, long pending,
                   long unreachable, long publicTargeted, long publicReached, @Nullable Double publicCoverageRate,
                   long dutyTargeted, long dutyAcknowledged, @Nullable Double dutyAcknowledgementRate) {

        static Figures of(long[] c) {
            return new Figures(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], rate(c[9], c[8]), c[10], c[11], rate(c[11], c[10]));
        }

        private static @Nullable Double rate(long part, long whole) {
            return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
        }
    }

    record RegionCoverage(String regionCode, Figures figures) {
    }

    record ChannelCoverage(String regionCode, Channel channel, long targeted, long sent, long delivered, long failed,
                           long acknowledged) {
    }

    record Coverage(String source, String regionCode, boolean acknowledgementRequired, Instant createdAt, Figures total,
                    List<RegionCoverage> regions, List<ChannelCoverage> channels) {
    }

    record TaskView(long id, int targetNo, String name, String regionCode, String group, Channel channel, int round, String status,
                    int attempts, @Nullable String lastError, Instant createdAt, Instant updatedAt, @Nullable Instant sentAt,
                    @Nullable Instant deliveredAt, @Nullable Instant failedAt, @Nullable Instant acknowledgedAt,
                    @Nullable String regionName) {
    }

    private final CampaignBook campaigns;
    private final ScopedQueries scoped;
    private final CallerContext callers;
    private final AuditTrail audit;

    CoverageController(CampaignBook campaigns, ScopedQueries scoped, CallerContext callers, JdbcClient jdbc, AuditTrail audit) {
        this.audit = audit;
        this.campaigns = campaigns;
        this.scoped = scoped;
        this.callers = callers;
    }

    @GetMapping("/api/notifications/campaigns/{source}/coverage")
    @Operation(summary = "Coverage of a campaign per region and channel, within the caller's region (发布公众覆盖率, 到岗到人率)")
    @Transactional(readOnly = true)
    Coverage coverage(@PathVariable String source,
                      @Parameter(description = "roll the regions up: county (区县, 6 digits), township (乡镇街道, 9) or village (村社区, 12, as stored)")
                      @RequestParam(required = false) @Nullable String by) {
        int digits = switch (by == null ? "village" : by) {
            case "county" -> 6;
            case "township" -> 9;
            case "village" -> 12;
            default -> throw Problem.invalid("by", "notification.coverage.by.invalid", by);
        };
        java.util.function.UnaryOperator<String> rollUp = code -> code.length() > digits ? code.substring(0, digits) : code;
        CampaignBook.Stored c = visible(source);
        Map<String, long[]> byRegion = new LinkedHashMap<>();
        scoped.sql("""
                        select region_code, public_target,
                               count(*) as targeted, sum(sent) as sent, sum(delivered) as delivered, sum(acked) as acknowledged,
                               sum(case when delivered = 1 or acked = 1 then 1 else 0 end) as reached,
                               sum(case when live = 0 and pending = 0 and unreachable = 0 and acked = 0 then 1 else 0 end) as failed,
                               sum(pending) as pending, sum(unreachable) as unreachable
                          from (select g.region_code,
                                       case when g.grp = :public then 1 else 0 end as public_target,
                                       case when g.acknowledged_at is not null then 1 else 0 end as acked,
                                       case when g.channels = '' then 1 else 0 end as unreachable,
                                       coalesce(max(case when t.sent_at is not null then 1 else 0 end), 0) as sent,
                                       coalesce(max(case when t.delivered_at is not null then 1 else 0 end), 0) as delivered,
                                       coalesce(max(case when t.status in ('QUEUED', 'SENDING') then 1 else 0 end), 0) as pending,
                                       coalesce(max(case when t.status in ('SENT', 'DELIVERED', 'ACKNOWLEDGED') then 1 else 0 end), 0) as live
                                  from delivery_target g
                                  left join delivery_task t on t.campaign_id = g.campaign_id and t.target_no = g.target_no
                                 where g.campaign_id = :c and {scope}
                                 group by g.target_no, g.region_code, g.grp, g.acknowledged_at, g.channels) per_target
                         group by region_code, public_target
                         order by region_code""", TARGET_REGION)
                .param("c", c.id()).param("public", Target.PUBLIC)
                .query((rs, n) -> {
                    long[] f = byRegion.computeIfAbsent(rollUp.apply(rs.getString("region_code")), r -> new long[12]);
                    long targeted = rs.getLong("targeted");
                    f[0] += targeted;
                    f[1] += rs.getLong("sent");
                    f[2] += rs.getLong("delivered");
                    f[3] += rs.getLong("acknowledged");
                    f[4] += rs.getLong("reached");
                    f[5] += rs.getLong("failed");
                    f[6] += rs.getLong("pending");
                    f[7] += rs.getLong("unreachable");
                    if (rs.getInt("public_target") == 1) {
                        f[8] += targeted;
                        f[9] += rs.getLong("reached");
                    } else {
                        f[10] += targeted;
                        f[11] += rs.getLong("acknowledged");
                    }
                    return 0;
                }).list();
        long[] total = new long[12];
        List<RegionCoverage> regions = new ArrayList<>();
        byRegion.forEach((region, f) -> {
            regions.add(new RegionCoverage(region, Figures.of(f)));
            Arrays.setAll(total, i -> total[i] + f[i]);
        });
        List<ChannelCoverage> channels = scoped.sql("""
                        select g.region_code, t.channel,
                               count(distinct t.target_no) as targeted,
                               count(distinct case when t.sent_at is not null then t.target_no end) as sent,
                               count(distinct case when t.delivered_at is not null then t.target_no end) as delivered,
                               count(distinct case when t.status = 'FAILED' then t.target_no end) as failed,
                               count(distinct case when g.acknowledged_at is not null then t.target_no end) as acknowledged
                          from delivery_task t
                          join delivery_target g on g.campaign_id = t.campaign_id and g.target_no = t.target_no
                         where t.campaign_id = :c and {scope}
                         group by g.region_code, t.channel
                         order by g.region_code, t.channel""", TARGET_REGION)
                .param("c", c.id())
                .query((rs, n) -> new ChannelCoverage(rollUp.apply(rs.getString("region_code")), Channel.valueOf(rs.getString("channel")),
                        rs.getLong("targeted"), rs.getLong("sent"), rs.getLong("delivered"), rs.getLong("failed"), rs.getLong("acknowledged")))
                .list();
        // a target belongs to one region: the rolled-up figures are the sums of their parts
        Map<String, ChannelCoverage> merged = new LinkedHashMap<>();
        for (ChannelCoverage one : channels) {
            merged.merge(one.regionCode() + "|" + one.channel(), one, (a, b) -> new ChannelCoverage(a.regionCode(), a.channel(),
                    a.targeted() + b.targeted(), a.sent() + b.sent(), a.delivered() + b.delivered(), a.failed() + b.failed(),
                    a.acknowledged() + b.acknowledged()));
        }
        channels = new ArrayList<>(merged.values());
        return new Coverage(c.source(), c.regionCode(), c.ackRequired(), c.createdAt(), Figures.of(total), regions, channels);
    }

    @GetMapping("/api/notifications/campaigns/{source}/tasks")
    @Operation(summary = "A campaign's delivery tasks within the caller's region, newest change first; filters status, channel, region")
    @Transactional(readOnly = true)
    PageOf<TaskView> tasks(@PathVariable String source, @RequestParam(required = false) @Nullable String status,
                           @RequestParam(required = false) @Nullable String channel,
                           @RequestParam(required = false) @Nullable String region,
                           @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        PageOf.check(page, size);
        TaskFilter filter = filter(status, channel, region);
        return taskPage(visible(source), filter, page, size);
    }

    /** The delivery tasks' filters, as the export's audit entry names them. */
    record TaskFilter(@Nullable String status, @Nullable String channel, @Nullable String region) {
    }

    static final int MAX_EXPORT = 50_000;

    private static final Map<String, String> STATUS_ZH = Map.of("QUEUED", "排队中", "SENDING", "发送中", "SENT", "已发出",
            "DELIVERED", "已送达", "FAILED", "失败", "ACKNOWLEDGED", "已确认", "CANCELLED", "已取消");
    private static final Map<Channel, String> CHANNEL_ZH = Map.of(Channel.SMS, "短信", Channel.EMAIL, "电子邮件",
            Channel.IN_APP, "站内通知", Channel.BROADCAST, "应急广播", Channel.WEBHOOK, "系统对接");

    /** The export's columns: what the delivery page's table shows, in Chinese. */
    private static final List<Spreadsheet.Column<TaskView>> EXPORT = List.of(
            new Spreadsheet.Column<>("对象", 20, TaskView::name),
            new Spreadsheet.Column<>("所在区划", 18, t -> t.regionName() != null ? t.regionName() : t.regionCode()),
            new Spreadsheet.Column<>("类别", 14, TaskView::group),
            new Spreadsheet.Column<>("渠道", 10, t -> CHANNEL_ZH.get(t.channel())),
            new Spreadsheet.Column<>("轮次", 6, TaskView::round),
            new Spreadsheet.Column<>("状态", 10, t -> STATUS_ZH.getOrDefault(t.status(), t.status())),
            new Spreadsheet.Column<>("尝试次数", 8, TaskView::attempts),
            new Spreadsheet.Column<>("失败原因", 30, TaskView::lastError),
            new Spreadsheet.Column<>("发出时间", 20, TaskView::sentAt),
            new Spreadsheet.Column<>("送达时间", 20, TaskView::deliveredAt),
            new Spreadsheet.Column<>("确认时间", 20, TaskView::acknowledgedAt));

    @GetMapping("/api/notifications/campaigns/{source}/tasks/export")
    @Operation(summary = "The campaign's delivery tasks (same filters, within the caller's region, newest change first) as an Excel file")
    @Transactional
    void exportTasks(@PathVariable String source, @RequestParam(required = false) @Nullable String status,
                     @RequestParam(required = false) @Nullable String channel,
                     @RequestParam(required = false) @Nullable String region,
                     HttpServletResponse response) throws IOException {
        TaskFilter filter = filter(status, channel, region);
        CampaignBook.Stored c = visible(source);
        PageOf<TaskView> all = taskPage(c, filter, 0, MAX_EXPORT);
        if (all.totalElements() > MAX_EXPORT) {
            throw Problem.invalid("region", "notification.task.export.too-many", all.totalElements(), MAX_EXPORT);
        }
        audit.recordExport("delivery", "delivery_campaign", region != null ? region : callers.require().region().value(), filter,
                all.content().size());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Spreadsheet.attachment("送达明细.xlsx"));
        response.setContentType(Spreadsheet.CONTENT_TYPE);
        Spreadsheet.write("送达明细", EXPORT, all.content(), response.getOutputStream());
    }

    private static TaskFilter filter(@Nullable String status, @Nullable String channel, @Nullable String region) {
        if (status != null && !STATUSES.contains(status)) {
            throw Problem.invalid("status", "notification.task.status.invalid", String.join(", ", STATUSES));
        }
        if (channel != null && Arrays.stream(Channel.values()).noneMatch(ch -> ch.name().equals(channel))) {
            throw Problem.invalid("channel", "notification.task.channel.invalid",
                    String.join(", ", Arrays.stream(Channel.values()).map(Channel::name).toList()));
        }
        if (region != null && !RegionCode.isValid(region)) {
            throw Problem.invalid("region", "notification.task.region.invalid");
        }
        return new TaskFilter(status, channel, region);
    }

    private PageOf<TaskView> taskPage(CampaignBook.Stored c, TaskFilter filter, int page, int size) {
        String status = filter.status();
        String channel = filter.channel();
        String region = filter.region();
        String where = " from delivery_task t join delivery_target g on g.campaign_id = t.campaign_id and g.target_no = t.target_no"
                + " where t.campaign_id = :c and {scope}"
                + (status == null ? "" : " and t.status = :status")
                + (channel == null ? "" : " and t.channel = :channel")
                + (region == null ? "" : " and g.region_code like :region");
        String regionPattern = region == null ? null : RegionCode.of(region).subtreeLikePattern();
        var count = scoped.sql("select count(*)" + where, TARGET_REGION).param("c", c.id());
        var list = scoped.sql("""
                select t.id, t.target_no, g.name, g.region_code, g.grp, t.channel, t.round, t.status, t.attempts, t.last_error,
                       t.created_at, t.updated_at, t.sent_at, t.delivered_at, t.failed_at, g.acknowledged_at,
                       (select r.name from region r where r.code = g.region_code) as region_name""" + where
                + " order by t.updated_at desc, t.id desc limit :size offset :offset", TARGET_REGION)
                .param("c", c.id()).param("size", size).param("offset", (long) page * size);
        if (status != null) {
            count = count.param("status", status);
            list = list.param("status", status);
        }
        if (channel != null) {
            count = count.param("channel", channel);
            list = list.param("channel", channel);
        }
        if (regionPattern != null) {
            count = count.param("region", regionPattern);
            list = list.param("region", regionPattern);
        }
        long total = count.query(Long.class).single();
        List<TaskView> rows = list.query((rs, n) -> new TaskView(rs.getLong("id"), rs.getInt("target_no"), rs.getString("name"),
                rs.getString("region_code"), rs.getString("grp"), Channel.valueOf(rs.getString("channel")), rs.getInt("round"),
                rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"), UtcTimestamps.read(rs, "created_at"),
                UtcTimestamps.read(rs, "updated_at"), UtcTimestamps.read(rs, "sent_at"), UtcTimestamps.read(rs, "delivered_at"),
                UtcTimestamps.read(rs, "failed_at"), UtcTimestamps.read(rs, "acknowledged_at"), rs.getString("region_name"))).list();
        return PageOf.of(rows, page, size, total);
    }

    /** The campaign, when the caller's region overlaps its area; 404 otherwise, as if it did not exist. */
    private CampaignBook.Stored visible(String source) {
        callers.require();
        DataScope scope = callers.scope();
        CampaignBook.Stored c = campaigns.findBySource(source).orElseThrow(() -> Problem.notFound("delivery_campaign", source));
        String prefix = scope.regionPrefix();
        boolean overlaps = prefix == null || c.regionCode().startsWith(prefix)
                || prefix.startsWith(RegionCode.of(c.regionCode()).subtreePrefix());
        if (!overlaps || scope.enterpriseId() != null) {
            throw Problem.notFound("delivery_campaign", source);
        }
        return c;
    }
}
