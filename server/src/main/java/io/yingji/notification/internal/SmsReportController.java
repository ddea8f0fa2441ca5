package io.yingji.notification.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.notification.Channel;
import io.yingji.shared.Problem;
import io.yingji.shared.UtcTimestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery reports (状态报告) from the SMS gateway: the only way an SMS becomes DELIVERED. The
 * gateway signs each POST like our webhooks ({@link Signatures}, with {@code yingji.notification.sms.report-secret});
 * the body is a JSON array of {@code {"reference": "<task id>", "status": "DELIVERED" | "FAILED", "error": "…"}}.
 * A FAILED report fails the task and falls back to the target's next channel.
 */
@RestController
@Tag(name = "通知 Notifications")
class SmsReportController {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    record Report(int accepted, List<String> unknown) {
    }

    private final NotificationSettings settings;
    private final DeliveryTasks tasks;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    SmsReportController(NotificationSettings settings, DeliveryTasks tasks, JdbcClient jdbc, TransactionTemplate transactions,
                        JsonMapper json, Clock clock) {
        this.settings = settings;
        this.tasks = tasks;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/public/notification/sms-report")
    @Operation(summary = "The SMS gateway's delivery reports, signed with the shared secret")
    Report report(@RequestHeader(name = Signatures.TIMESTAMP_HEADER, required = false) String timestamp,
                  @RequestHeader(name = Signatures.SIGNATURE_HEADER, required = false) String signature,
                  @RequestBody(required = false) byte[] body) {
        String secret = settings.sms().reportSecret();
        if (secret == null || secret.isBlank()) {
            throw new Problem(404, "notification.sms-report.unconfigured");
        }
        Instant now = clock.instant();
        byte[] content = body == null ? new byte[0] : body;
        if (timestamp == null || signature == null || !fresh(timestamp, now) || !Signatures.verify(secret, timestamp, content, signature)) {
            throw new Problem(401, "notification.sms-report.signature.invalid", MAX_AGE.toSeconds());
        }
        List<JsonNode> reports = new ArrayList<>();
        try {
            JsonNode root = json.readTree(content);
            if (!root.isArray()) {
                throw new IllegalArgumentException();
            }
            for (JsonNode r : root) {
                String status = r.path("status").asString("");
                if (!r.path("reference").isValueNode() || !(status.equals("DELIVERED") || status.equals("FAILED"))) {
                    throw new IllegalArgumentException();
                }
                reports.add(r);
            }
        } catch (RuntimeException malformed) {
            throw new Problem(400, "notification.sms-report.malformed");
        }
        List<String> unknown = new ArrayList<>();
        int accepted = 0;
        for (JsonNode r : reports) {
            String reference = r.path("reference").asString();
            if (apply(reference, r.path("status").asString(), r.path("error").asString(""), now)) {
                accepted++;
            } else {
                unknown.add(reference);
            }
        }
        return new Report(accepted, unknown);
    }

    private static boolean fresh(String timestamp, Instant now) {
        try {
            long seconds = Long.parseLong(timestamp);
            return Math.abs(now.getEpochSecond() - seconds) <= MAX_AGE.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Applies one report to an SMS task that was sent; false when there is no such task. */
    private boolean apply(String reference, String status, String error, Instant now) {
        long id;
        try {
            id = Long.parseLong(reference);
        } catch (NumberFormatException e) {
            return false;
        }
        Boolean applied = transactions.execute(tx -> {
            DeliveryTasks.Claimed task = tasks.find(id);
            if (task == null || task.channel() != Channel.SMS) {
                return false;
            }
            if (status.equals("DELIVERED")) {
                return jdbc.sql("""
                        update delivery_task set delivered_at = coalesce(delivered_at, :now),
                               status = case when status = 'SENT' then 'DELIVERED' else status end, updated_at = :now
                         where id = :id and sent_at is not null""")
                        .param("now", UtcTimestamps.of(now)).param("id", id).update() == 1;
            }
            int failed = jdbc.sql("""
                    update delivery_task set status = 'FAILED', failed_at = :now, last_error = :error, updated_at = :now
                     where id = :id and status = 'SENT'""")
                    .param("now", UtcTimestamps.of(now)).param("error", HttpPost.abbreviate("短信回执：" + (error.isBlank() ? "发送失败" : error), 490))
                    .param("id", id).update();
            if (failed == 1) {
                tasks.fallBack(List.of(task), now);
            }
            return jdbc.sql("select count(*) from delivery_task where id = :id and sent_at is not null").param("id", id)
                    .query(Long.class).single() == 1;
        });
        return Boolean.TRUE.equals(applied);
    }
}
