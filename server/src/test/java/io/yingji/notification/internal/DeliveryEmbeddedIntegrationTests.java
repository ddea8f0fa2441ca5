package io.yingji.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.notification.Campaign;
import io.yingji.notification.Channel;
import io.yingji.notification.Deliveries;
import io.yingji.notification.Target;
import io.yingji.shared.RegionCode;
import io.yingji.support.EmbeddedPlatformTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The delivery queue on the embedded H2 database, drained by the platform's own background
 * dispatcher (JDBC batches instead of COPY; H2's FOR UPDATE SKIP LOCKED for the claims).
 */
class DeliveryEmbeddedIntegrationTests extends EmbeddedPlatformTest {

    @Autowired
    Deliveries deliveries;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Acknowledgements acknowledgements;
    @Autowired
    Renotifier renotifier;

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void theBackgroundDispatcherDeliversOnH2AndFallsBackFromAnUnconfiguredChannel() throws Exception {
        try (LocalServer receiver = new LocalServer(request -> LocalServer.Answer.status(200))) {
            RegionCode xihu = RegionCode.of("330106");
            long user = jdbc.sql("select id from app_user where username = 'xihu'").query(Long.class).single();
            List<Target> targets = new java.util.ArrayList<>(IntStream.range(0, 1200)
                    .mapToObj(i -> new Target(null, "系统" + i, xihu, "部门系统", null, null, receiver.url("/hook/" + i), null)).toList());
            // no mail server is configured here: the e-mail task fails at once and in-app takes over
            targets.add(new Target(user, "李志强", xihu, "村级责任人", "13800000000", "lizhiqiang@example.cn", null, null));
            long id = deliveries.enqueue(Campaign.text("test:h2", xihu, "暴雨蓝色预警", "注意防范。", List.of(Channel.EMAIL, Channel.WEBHOOK, Channel.IN_APP))
                    .acknowledged(Duration.ofMinutes(10), 2), targets);
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline
                    && count("select count(*) from delivery_task where campaign_id = " + id + " and status = 'DELIVERED'") < 1201) {
                Thread.sleep(100);
            }
            assertThat(count("select count(*) from delivery_task where campaign_id = " + id + " and status = 'DELIVERED'")).isEqualTo(1201);
            assertThat(receiver.requests).hasSize(1200);
            assertThat(jdbc.sql("select last_error from delivery_task where campaign_id = :c and channel = 'EMAIL'").param("c", id)
                    .query(String.class).single()).isEqualTo("本实例未配置渠道 EMAIL");
            assertThat(acknowledgements.acknowledge(id, 1200, java.time.Instant.now())).isTrue();
            assertThat(acknowledgements.acknowledge(id, 1200, java.time.Instant.now())).isFalse();
            assertThat(count("select count(*) from delivery_task where campaign_id = " + id + " and status = 'ACKNOWLEDGED'")).isEqualTo(1);
            // the re-notification SQL runs on H2 too (nobody is due yet)
            assertThat(renotifier.run()).isZero();
        }
    }
}
