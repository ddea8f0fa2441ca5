package io.yingji.notification.internal;

import io.yingji.shared.UtcTimestamps;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * 叫应: a target confirms it has the message. Idempotent — the first confirmation's time is kept.
 * Its sent and delivered tasks become ACKNOWLEDGED, and tasks still waiting (a fallback, a further
 * round) are CANCELLED: nobody is re-notified after confirming.
 */
@Component
class Acknowledgements {

    private final JdbcClient jdbc;

    Acknowledgements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Answers whether this call was the confirmation (false: it had been confirmed before). */
    @Transactional
    boolean acknowledge(long campaignId, int targetNo, Instant now) {
        int first = jdbc.sql("""
                update delivery_target set acknowledged_at = :now
                 where campaign_id = :campaign and target_no = :target and acknowledged_at is null""")
                .param("now", UtcTimestamps.of(now)).param("campaign", campaignId).param("target", targetNo).update();
        if (first == 0) {
            return false;
        }
        jdbc.sql("""
                update delivery_task set status = case when status = 'QUEUED' then 'CANCELLED' else 'ACKNOWLEDGED' end, updated_at = :now
                 where campaign_id = :campaign and target_no = :target and status in ('SENT', 'DELIVERED', 'QUEUED')""")
                .param("now", UtcTimestamps.of(now)).param("campaign", campaignId).param("target", targetNo).update();
        return true;
    }
}
