package io.yingji.resource.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.DemoPlaces;
import io.yingji.support.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Rotation: batches within their type's lead time are listed for their scope and their people are told once. */
class ResourceExpiryIntegrationTests extends ApiTest {

    @Autowired
    MutableClock clock;

    @Autowired
    ExpiryWatch watch;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long type(String code) {
        return jdbc.sql("select id from resource_supply_type where code = :c").param("c", code).query(Long.class).single();
    }

    private long userId(String username) {
        return jdbc.sql("select id from app_user where username = :u").param("u", username).query(Long.class).single();
    }

    private long notices(String username, long warehouse) {
        return count("select count(*) from notification where kind = 'resource.expiring' and link = '/resources/warehouses/"
                + warehouse + "' and user_id = " + userId(username));
    }

    @Test
    void batchesDueForRotationAreListedInScopeAndTheirPeopleToldOnce() {
        Response created = api.post("gongshu", "/api/resources/warehouses", new HashMap<>(Map.of("name", "米市巷街道轮换测试仓库",
                "level", "TOWNSHIP", "regionCode", DemoPlaces.MISHIXIANG, "ownership", "GOVERNMENT", "keeper", "李保管",
                "keeperPhone", "13900139000")));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        long w = created.body().path("id").asLong();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
        // water: 60 days' lead time, expires in 30 → due; tents: 180 days, expire in 400 → not yet
        assertThat(api.post("gongshu", "/api/resources/warehouses/" + w + "/receipts", Map.of("supplyTypeId", type("1020101"),
                "batchNo", "ROT-W", "quantity", 20, "source", "PURCHASE", "producedOn", today.minusDays(335).toString(),
                "expiresOn", today.plusDays(30).toString())).status()).isEqualTo(200);
        assertThat(api.post("gongshu", "/api/resources/warehouses/" + w + "/receipts", Map.of("supplyTypeId", type("1010101"),
                "batchNo", "ROT-T", "quantity", 20, "source", "PURCHASE", "producedOn", today.minusDays(10).toString(),
                "expiresOn", today.plusDays(400).toString())).status()).isEqualTo(200);

        JsonNode due = api.get("mishixiang", "/api/resources/expiring?limit=500").body();
        assertThat(due.valueStream().filter(b -> b.path("warehouseId").asLong() == w).map(b -> b.path("batchNo").asString()))
                .containsExactly("ROT-W");
        assertThat(api.get("xihu", "/api/resources/expiring?limit=500").body().valueStream().map(b -> b.path("warehouseId").asLong()))
                .doesNotContain(w);
        assertThat(api.get("gongshu", "/api/resources/expiring?limit=0").status()).isEqualTo(400);

        watch.run();
        // the township's officer and the district bureau are told, another district is not
        assertThat(notices("mishixiang", w)).isEqualTo(1);
        assertThat(notices("gongshu", w)).isEqualTo(1);
        assertThat(notices("xihu", w)).isZero();
        String args = jdbc.sql("select args from notification where kind = 'resource.expiring' and link = :l and user_id = :u")
                .param("l", "/resources/warehouses/" + w).param("u", userId("gongshu")).query(String.class).single();
        assertThat(args).contains("米市巷街道轮换测试仓库").contains(today.plusDays(30).toString());
        watch.run();
        assertThat(notices("gongshu", w)).as("told once").isEqualTo(1);

        // 230 days on the tents enter their lead time: a new notice for them
        clock.advance(Duration.ofDays(230));
        watch.run();
        assertThat(notices("gongshu", w)).isEqualTo(2);
    }
}
