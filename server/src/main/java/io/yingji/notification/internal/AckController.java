package io.yingji.notification.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.shared.Problem;
import io.yingji.shared.UtcTimestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Acknowledgement (叫应) by the recipient: the link in an SMS or e-mail names an unguessable token,
 * which shows the message and confirms it without signing in; a signed-in user confirms in the app.
 */
@RestController
@Tag(name = "通知 Notifications")
class AckController {

    /** What the recipient sees on the acknowledgement page, in their language. */
    record AckView(String source, String title, String body, String recipient, boolean acknowledgementRequired,
                   boolean acknowledged, @Nullable Instant acknowledgedAt, Instant issuedAt) {
    }

    record Acknowledged(String source, int targets) {
    }

    /** The signed-in user's own part in a campaign: whether (and when) they confirmed. */
    record MyAcknowledgement(String source, boolean acknowledged, @Nullable Instant acknowledgedAt) {
    }

    private final CampaignBook campaigns;
    private final Acknowledgements acknowledgements;
    private final JdbcClient jdbc;
    private final CallerContext callers;
    private final Clock clock;

    AckController(CampaignBook campaigns, Acknowledgements acknowledgements, JdbcClient jdbc, CallerContext callers, Clock clock) {
        this.campaigns = campaigns;
        this.acknowledgements = acknowledgements;
        this.jdbc = jdbc;
        this.callers = callers;
        this.clock = clock;
    }

    @GetMapping("/public/ack/{token}")
    @Operation(summary = "The message behind an acknowledgement link and whether it was confirmed (no sign-in)")
    AckView show(@PathVariable String token) {
        return view(locate(token));
    }

    @PostMapping("/public/ack/{token}")
    @Operation(summary = "Confirm receipt (叫应) through the link's token; confirming again changes nothing")
    AckView acknowledge(@PathVariable String token) {
        CampaignBook.Located located = locate(token);
        acknowledgements.acknowledge(located.campaign().id(), located.targetNo(), clock.instant());
        return view(located);
    }

    @GetMapping("/api/notifications/campaigns/{source}/ack")
    @Operation(summary = "Whether the signed-in user, one of the campaign's targets, has confirmed (404 unless they were a target)")
    MyAcknowledgement mine(@PathVariable String source) {
        Caller caller = callers.require();
        CampaignBook.Stored campaign = campaigns.findBySource(source).orElseThrow(() -> Problem.notFound("delivery_campaign", source));
        List<Instant> times = new java.util.ArrayList<>();
        jdbc.sql("select acknowledged_at from delivery_target where campaign_id = :c and user_id = :user")
                .param("c", campaign.id()).param("user", caller.userId())
                .query((java.sql.ResultSet rs) -> {
                    Instant at = UtcTimestamps.read(rs, "acknowledged_at");
                    times.add(at == null ? Instant.MAX : at);
                });
        if (times.isEmpty()) {
            throw Problem.notFound("delivery_campaign", source);
        }
        Instant first = times.stream().min(Instant::compareTo).orElseThrow();
        boolean done = times.stream().noneMatch(Instant.MAX::equals);
        return new MyAcknowledgement(source, done, done ? first : null);
    }

    @PostMapping("/api/notifications/campaigns/{source}/ack")
    @Operation(summary = "Confirm receipt as the signed-in user (404 unless the caller was one of the campaign's targets)")
    Acknowledged acknowledgeInApp(@PathVariable String source) {
        Caller caller = callers.require();
        CampaignBook.Stored campaign = campaigns.findBySource(source).orElseThrow(() -> Problem.notFound("delivery_campaign", source));
        List<Integer> targets = jdbc.sql("select target_no from delivery_target where campaign_id = :c and user_id = :user")
                .param("c", campaign.id()).param("user", caller.userId()).query(Integer.class).list();
        if (targets.isEmpty()) {
            throw Problem.notFound("delivery_campaign", source);
        }
        Instant now = clock.instant();
        targets.forEach(target -> acknowledgements.acknowledge(campaign.id(), target, now));
        return new Acknowledged(source, targets.size());
    }

    private CampaignBook.Located locate(String token) {
        return campaigns.locate(token).orElseThrow(() -> new Problem(404, "notification.ack.token.invalid"));
    }

    private AckView view(CampaignBook.Located located) {
        CampaignBook.Stored c = located.campaign();
        record Row(String name, @Nullable Instant acknowledgedAt) {
        }
        Row row = jdbc.sql("select name, acknowledged_at from delivery_target where campaign_id = :c and target_no = :t")
                .param("c", c.id()).param("t", located.targetNo())
                .query((rs, n) -> new Row(rs.getString("name"), UtcTimestamps.read(rs, "acknowledged_at"))).single();
        var locale = LocaleContextHolder.getLocale();
        return new AckView(c.source(), campaigns.title(c, locale), campaigns.body(c, locale), row.name(), c.ackRequired(),
                row.acknowledgedAt() != null, row.acknowledgedAt(), c.createdAt());
    }
}
