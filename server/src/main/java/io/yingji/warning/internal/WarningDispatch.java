package io.yingji.warning.internal;

import io.yingji.notification.Campaign;
import io.yingji.notification.Channel;
import io.yingji.notification.Deliveries;
import io.yingji.notification.Inbox;
import io.yingji.notification.Notice;
import io.yingji.shared.RegionCode;
import io.yingji.warning.WarningPublication;
import io.yingji.warning.WarningPublication.PublishedWarning;
import io.yingji.warning.WarningPublished;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Sends every published warning message to its audience: resolves the targets (recorded per audience
 * and group in {@code warning_targeting}), queues one delivery campaign for the staff — asked to
 * acknowledge an Actual warning and told again until they do — and one for the public, and puts a notice
 * in the accounts' in-app inboxes. Runs after the publishing transaction commits, in its own; the
 * event publication registry retries it if it fails, and a message already targeted is not queued twice.
 */
@Component
class WarningDispatch {

    private static final Logger log = LoggerFactory.getLogger(WarningDispatch.class);

    static final List<Channel> STAFF_CHANNELS = List.of(Channel.SMS, Channel.IN_APP, Channel.EMAIL, Channel.BROADCAST, Channel.WEBHOOK);
    static final List<Channel> PUBLIC_CHANNELS = List.of(Channel.SMS, Channel.EMAIL);

    private final WarningPublication publication;
    private final WarningTargeting targeting;
    private final WarningRepository warnings;
    private final Deliveries deliveries;
    private final Inbox inbox;
    private final JdbcClient jdbc;
    private final Duration renotifyAfter;
    private final int rounds;

    WarningDispatch(WarningPublication publication, WarningTargeting targeting, WarningRepository warnings, Deliveries deliveries, Inbox inbox, JdbcClient jdbc,
                    @Value("${yingji.warning.renotify-after:PT10M}") Duration renotifyAfter,
                    @Value("${yingji.warning.notify-rounds:3}") int rounds) {
        this.publication = publication;
        this.targeting = targeting;
        this.warnings = warnings;
        this.deliveries = deliveries;
        this.inbox = inbox;
        this.jdbc = jdbc;
        this.renotifyAfter = renotifyAfter;
        this.rounds = Math.max(1, rounds);
    }

    static String staffSource(long warningId) {
        return "warning:" + warningId + ":staff";
    }

    static String publicSource(long warningId) {
        return "warning:" + warningId + ":public";
    }

    @ApplicationModuleListener
    void on(WarningPublished event) {
        PublishedWarning w = publication.published(event.warningId()).orElse(null);
        if (w == null || alreadyTargeted(w.id())) {
            return;
        }
        long started = System.nanoTime();
        List<Long> issuedBy = warnings.find(w.id()).map(WarningTargeting::issuedBy).orElse(List.of());
        WarningTargeting.Audience audience = targeting.resolve(w.regionCode(), w.status(), w.scope(), w.addresses(), issuedBy, w.areas());
        long resolved = System.nanoTime();
        List<WarningTargeting.GroupCount> counts = audience.counts();
        for (WarningTargeting.GroupCount c : counts) {
            jdbc.sql("insert into warning_targeting (warning_id, audience, grp, targeted, reachable) values (:w, :a, :g, :t, :r)")
                    .param("w", w.id()).param("a", c.audience()).param("g", c.group()).param("t", c.targeted()).param("r", c.reachable())
                    .update();
        }
        if (counts.isEmpty()) {
            // nobody in the areas: still recorded, so the detail page can say so and this is not retried
            jdbc.sql("insert into warning_targeting (warning_id, audience, grp, targeted, reachable) values (:w, 'STAFF', '-', 0, 0)")
                    .param("w", w.id()).update();
        }
        RegionCode area = RegionCode.of(w.regionCode());
        String title = title(w);
        String body = body(w);
        String link = "/warnings/" + w.id();
        if (!audience.staff().isEmpty()) {
            Campaign staff = Campaign.text(staffSource(w.id()), area, title, body, STAFF_CHANNELS).linkedTo(link);
            boolean ask = "Actual".equals(w.status()) && !"Cancel".equals(w.msgType());
            deliveries.enqueue(ask ? staff.acknowledged(renotifyAfter, rounds) : staff, audience.staff());
        }
        if (!audience.publicTargets().isEmpty()) {
            deliveries.enqueue(Campaign.text(publicSource(w.id()), area, title, body, PUBLIC_CHANNELS).linkedTo(link),
                    audience.publicTargets());
        }
        if (!audience.accounts().isEmpty()) {
            inbox.deliver(new Notice("warning.published", "notice.warning.published.title", "notice.warning.published.body",
                    List.of(prefix(w), w.headline() == null ? w.event() : w.headline()), link), audience.accounts());
        }
        // cancelled, replaced or expired while its audience was being resolved: the closing listener found nothing to close
        if (publication.published(w.id()).map(p -> !p.state().equals(w.state())).orElse(false)) {
            close(w.id(), "ended while being targeted");
        }
        log.info("Warning {} ({} {}) targeted: {} staff, {} public; resolved in {} ms, queued in {} ms more", w.identifier(), w.msgType(),
                w.status(), audience.staff().size(), audience.publicTargets().size(), (resolved - started) / 1_000_000,
                (System.nanoTime() - resolved) / 1_000_000);
    }

    /** A cancelled warning's delivery ends: no more re-notification, nothing still queued goes out (the Cancel does). */
    @ApplicationModuleListener
    void on(io.yingji.warning.WarningCancelled event) {
        close(event.warningId(), "cancelled by " + event.cancelWarningId());
    }

    /** A replaced warning's delivery ends: its Update reaches the same areas' people with the current text. */
    @ApplicationModuleListener
    void on(io.yingji.warning.WarningUpdated event) {
        close(event.warningId(), "updated by " + event.updateWarningId());
    }

    /** An expired warning needs no more acknowledgements chased. */
    @ApplicationModuleListener
    void on(io.yingji.warning.WarningExpired event) {
        close(event.warningId(), "expired");
    }

    private void close(long warningId, String why) {
        int cancelled = deliveries.close(staffSource(warningId)) + deliveries.close(publicSource(warningId));
        log.info("Delivery of warning {} closed ({}); {} queued tasks cancelled", warningId, why, cancelled);
    }

    private boolean alreadyTargeted(long warningId) {
        return jdbc.sql("select count(*) from warning_targeting where warning_id = :w").param("w", warningId).query(Long.class).single() > 0;
    }

    /** 【红色预警】, 【演练·黄色预警】, 【解除·橙色预警】 … */
    static String prefix(PublishedWarning w) {
        StringBuilder p = new StringBuilder();
        if ("Exercise".equals(w.status())) {
            p.append("演练·");
        } else if ("Test".equals(w.status())) {
            p.append("测试·");
        }
        if ("Cancel".equals(w.msgType())) {
            p.append("解除·");
        } else if ("Update".equals(w.msgType())) {
            p.append("更新·");
        }
        p.append(w.level() == null ? "" : w.level().colour()).append("预警");
        return "【" + p + "】";
    }

    static String title(PublishedWarning w) {
        String text = prefix(w) + (w.headline() == null ? w.event() : w.headline());
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    static String body(PublishedWarning w) {
        StringBuilder b = new StringBuilder(title(w));
        if (w.description() != null && !w.description().isBlank()) {
            b.append(' ').append(w.description().strip());
        }
        if (w.instruction() != null && !w.instruction().isBlank()) {
            b.append(" 防御指引：").append(w.instruction().strip());
        }
        String text = b.toString();
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
