package io.yingji.resource;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.AtOnce;
import io.yingji.support.DemoPlaces;
import io.yingji.support.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * The stock ledger over HTTP against PostgreSQL: every change a movement, balances what the movements leave, never
 * below zero (also under concurrent issues), FEFO, expired stock refused, stocktake differences and transfers
 * balanced across both warehouses; warehouses scoped like everything else.
 */
class ResourceLedgerIntegrationTests extends ApiTest {

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
    }

    private long type(String code) {
        return jdbc.sql("select id from resource_supply_type where code = :c").param("c", code).query(Long.class).single();
    }

    private Map<String, Object> township(String name) {
        return new HashMap<>(Map.of("name", name, "level", "TOWNSHIP", "regionCode", DemoPlaces.MISHIXIANG, "ownership", "GOVERNMENT",
                "address", "杭州市拱墅区米市巷街道", "longitude", 120.1650, "latitude", 30.2950, "capacityM2", 80,
                "keeper", "李保管", "keeperPhone", "13900139000"));
    }

    private long warehouse(String name) {
        Response created = api.post("gongshu", "/api/resources/warehouses", township(name));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    private Response receive(long warehouse, String code, String batch, Object quantity, LocalDate produced, LocalDate expires) {
        Map<String, Object> body = new HashMap<>(Map.of("supplyTypeId", type(code), "batchNo", batch, "quantity", quantity,
                "source", "PURCHASE", "producedOn", produced.toString()));
        if (expires != null) {
            body.put("expiresOn", expires.toString());
        }
        return api.post("gongshu", "/api/resources/warehouses/" + warehouse + "/receipts", body);
    }

    private BigDecimal balance(long warehouse, String batch) {
        return jdbc.sql("select quantity from resource_batch where warehouse_id = :w and batch_no = :b").param("w", warehouse)
                .param("b", batch).query(BigDecimal.class).single();
    }

    /** Every batch's balance equals the sum of its movements, and no movement left a negative balance. */
    private void ledgerAgrees(long warehouse) {
        assertThat(count("""
                select count(*) from resource_batch b where b.warehouse_id = %d
                and b.quantity <> (select coalesce(sum(m.quantity), 0) from resource_movement m where m.batch_id = b.id)""".formatted(warehouse)))
                .as("batches whose balance differs from their movements").isZero();
        assertThat(count("select count(*) from resource_movement where warehouse_id = " + warehouse + " and balance_after < 0")).isZero();
    }

    @Test
    void theCatalogueHasTheNationalCategoriesAndTheSeedPlansKits() {
        JsonNode types = api.get("wangge", "/api/resources/supply-types").body();
        assertThat(types.valueStream().filter(t -> t.path("name").asString().equals("救灾帐篷")).findFirst().orElseThrow()
                .path("category").asString()).isEqualTo("LIVING");
        JsonNode kit = types.valueStream().filter(t -> t.path("code").asString().equals("9000001")).findFirst().orElseThrow();
        assertThat(kit.path("items").valueStream().map(i -> i.path("name").asString())).containsExactlyInAnyOrder("卫星电话", "排涝水泵", "移动发电机");
        assertThat(api.send(HttpMethod.GET, "/api/resources/supply-types", null, null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void issuesTakeTheEarliestExpiringBatchFirstAndNeverMoreThanThereIs() {
        long w = warehouse("米市巷街道防汛物资仓库");
        LocalDate today = today();
        assertThat(receive(w, "1010101", "T-LATE", 100, today.minusDays(30), today.plusDays(400)).status()).isEqualTo(200);
        assertThat(receive(w, "1010101", "T-SOON", 50, today.minusDays(300), today.plusDays(100)).status()).isEqualTo(200);

        Response issued = api.post("gongshu", "/api/resources/warehouses/" + w + "/issues",
                Map.of("supplyTypeId", type("1010101"), "quantity", 60, "destination", "米市巷街道临时安置点"));
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(200);
        assertThat(issued.body().path("lines").valueStream().map(l -> l.path("batchNo").asString() + ":" + l.path("quantity").decimalValue().intValue()))
                .containsExactly("T-SOON:-50", "T-LATE:-10");
        assertThat(balance(w, "T-SOON")).isEqualByComparingTo("0");
        assertThat(balance(w, "T-LATE")).isEqualByComparingTo("90");

        // the stock page: T-SOON expires within the tents' 180-day lead time (nearing expiry), totals per type
        JsonNode stock = api.get("gongshu", "/api/resources/warehouses/" + w + "/stock").body();
        assertThat(stock.path("batches").valueStream().filter(b -> b.path("batchNo").asString().equals("T-SOON"))
                .findFirst().orElseThrow().path("state").asString()).isEqualTo("NEARING_EXPIRY");
        assertThat(stock.path("totals").get(0).path("usable").decimalValue()).isEqualByComparingTo("90");

        // more than there is: 409 with what is left, nothing written
        long movements = count("select count(*) from resource_movement where warehouse_id = " + w);
        Response tooMuch = api.post("gongshu", "/api/resources/warehouses/" + w + "/issues",
                Map.of("supplyTypeId", type("1010101"), "quantity", 91, "destination", "米市巷街道临时安置点"));
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.detail()).isEqualTo("救灾帐篷可用库存不足：可用 90 顶，需要 91 顶（已过期批次不计）");
        assertThat(count("select count(*) from resource_movement where warehouse_id = " + w)).isEqualTo(movements);

        // half a tent, a negative count, no destination: field problems in Chinese (and English), nothing written
        Response half = api.post("gongshu", "/api/resources/warehouses/" + w + "/issues",
                Map.of("supplyTypeId", type("1010101"), "quantity", 1.5, "destination", "安置点"));
        assertThat(half.status()).isEqualTo(400);
        assertThat(half.body().path("errors").get(0).path("message").asString()).isEqualTo("数量须为正整数（单位：顶）");
        Response negative = api.send(HttpMethod.POST, "/api/resources/warehouses/" + w + "/issues", api.token("gongshu"),
                Map.of("supplyTypeId", type("1010101"), "quantity", -3), Map.of("Accept-Language", "en"));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.errorFields()).containsExactlyInAnyOrder("quantity", "destination");
        assertThat(negative.body().path("errors").valueStream().map(e -> e.path("message").asString()))
                .contains("The quantity must be a whole number above 0 (顶)");
        assertThat(count("select count(*) from resource_movement where warehouse_id = " + w)).isEqualTo(movements);
        // sand is weighed: three decimals of a tonne are fine
        assertThat(receive(w, "3010201", "S-1", 12.125, today.minusDays(1), null).status()).isEqualTo(200);
        ledgerAgrees(w);

        JsonNode history = api.get("gongshu", "/api/resources/warehouses/" + w + "/movements").body();
        assertThat(history.path("totalElements").asLong()).isEqualTo(5);
        assertThat(history.path("content").get(0).path("kind").asString()).isEqualTo("RECEIPT");
        assertThat(history.path("content").get(1).path("balanceAfter").decimalValue()).isEqualByComparingTo("90");
    }

    @Test
    void expiredStockIsNeitherReceivedNorIssuedAndIsWrittenOff() {
        long w = warehouse("米市巷街道生活物资储备点");
        LocalDate today = today();
        assertThat(receive(w, "1020101", "W-1", 40, today.minusDays(330), today.plusDays(30)).status()).isEqualTo(200);
        Response late = receive(w, "1020101", "W-OLD", 10, today.minusDays(400), today.minusDays(1));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.body().path("errors").get(0).path("message").asString()).isEqualTo("该批次已过期，不能入库");
        Response backwards = receive(w, "1020101", "W-2", 10, today.minusDays(1), today.minusDays(5));
        assertThat(backwards.errorFields()).containsExactly("expiresOn");
        assertThat(backwards.body().path("errors").get(0).path("message").asString()).isEqualTo("有效期至不能早于生产日期");
        Response noDates = api.post("gongshu", "/api/resources/warehouses/" + w + "/receipts", Map.of("supplyTypeId", type("1020101"),
                "batchNo", "W-3", "quantity", 5, "source", "DONATION"));
        assertThat(noDates.body().path("errors").get(0).path("message").asString()).isEqualTo("瓶装饮用水有保质期，请填写生产日期或有效期至");
        Response kit = api.post("gongshu", "/api/resources/warehouses/" + w + "/receipts", Map.of("supplyTypeId", type("9000001"),
                "batchNo", "K-1", "quantity", 1, "source", "PURCHASE"));
        assertThat(kit.errorFields()).contains("supplyTypeId");
        assertThat(api.post("gongshu", "/api/resources/warehouses/" + w + "/receipts", Map.of("supplyTypeId", 987654,
                "batchNo", "X", "quantity", 1, "source", "PURCHASE")).errorFields()).contains("supplyTypeId");
        assertThat(count("select count(*) from resource_batch where warehouse_id = " + w)).isEqualTo(1);

        clock.advance(Duration.ofDays(31));
        // a month on, the officer logs in again
        api = new io.yingji.support.Api(port);
        Response issue = api.post("gongshu", "/api/resources/warehouses/" + w + "/issues",
                Map.of("supplyTypeId", type("1020101"), "quantity", 1, "destination", "安置点"));
        assertThat(issue.status()).isEqualTo(409);
        long batch = jdbc.sql("select id from resource_batch where warehouse_id = :w").param("w", w).query(Long.class).single();
        Response named = api.post("gongshu", "/api/resources/warehouses/" + w + "/issues",
                Map.of("supplyTypeId", type("1020101"), "quantity", 1, "batchId", batch, "destination", "安置点"));
        assertThat(named.status()).isEqualTo(400);
        assertThat(named.body().path("errors").get(0).path("message").asString()).startsWith("批次“W-1”已于");
        JsonNode stock = api.get("gongshu", "/api/resources/warehouses/" + w + "/stock").body();
        assertThat(stock.path("batches").get(0).path("state").asString()).isEqualTo("EXPIRED");
        assertThat(stock.path("totals").get(0).path("usable").decimalValue()).isEqualByComparingTo("0");
        assertThat(stock.path("totals").get(0).path("expired").decimalValue()).isEqualByComparingTo("40");

        Response tooMany = api.post("gongshu", "/api/resources/warehouses/" + w + "/write-offs",
                Map.of("batchId", batch, "quantity", 41, "reason", "EXPIRED"));
        assertThat(tooMany.status()).isEqualTo(400);
        Response writtenOff = api.post("gongshu", "/api/resources/warehouses/" + w + "/write-offs",
                Map.of("batchId", batch, "quantity", 40, "reason", "EXPIRED", "note", "过期轮换"));
        assertThat(writtenOff.status()).as(writtenOff.body().toString()).isEqualTo(200);
        assertThat(balance(w, "W-1")).isEqualByComparingTo("0");
        assertThat(jdbc.sql("select reason from resource_movement where batch_id = :b and kind = 'WRITE_OFF'").param("b", batch)
                .query(String.class).single()).isEqualTo("EXPIRED");
        ledgerAgrees(w);
    }

    @Test
    void aStocktakeRecordsEachDifferenceAsAMovement() {
        long w = warehouse("米市巷街道应急装备库");
        LocalDate today = today();
        receive(w, "2010101", "J-1", 30, today.minusDays(10), null);
        receive(w, "2030101", "P-1", 4, today.minusDays(10), null);
        long jackets = jdbc.sql("select id from resource_batch where warehouse_id = :w and batch_no = 'J-1'").param("w", w).query(Long.class).single();
        long phones = jdbc.sql("select id from resource_batch where warehouse_id = :w and batch_no = 'P-1'").param("w", w).query(Long.class).single();
        Response counted = api.post("gongshu", "/api/resources/warehouses/" + w + "/stocktakes", Map.of("lines", List.of(
                Map.of("batchId", jackets, "counted", 28, "note", "两件破损已送修"), Map.of("batchId", phones, "counted", 4))));
        assertThat(counted.status()).as(counted.body().toString()).isEqualTo(200);
        assertThat(counted.body().valueStream().map(l -> l.path("difference").decimalValue().intValue())).containsExactly(-2, 0);
        assertThat(balance(w, "J-1")).isEqualByComparingTo("28");
        assertThat(count("select count(*) from resource_movement where warehouse_id = " + w + " and kind = 'STOCKTAKE'")).isEqualTo(1);
        Response twice = api.post("gongshu", "/api/resources/warehouses/" + w + "/stocktakes", Map.of("lines", List.of(
                Map.of("batchId", jackets, "counted", 1), Map.of("batchId", jackets, "counted", 2))));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(balance(w, "J-1")).isEqualByComparingTo("28");
        ledgerAgrees(w);
    }

    @Test
    void aTransferLeavesOneWarehouseAndReachesTheOtherOnlyWhenReceivedOrReturnsWhenCalledBack() {
        long from = warehouse("拱墅区米市巷街道物资仓库");
        long to = warehouse("拱墅区米市巷街道大塘巷社区代储点");
        LocalDate today = today();
        receive(from, "3010101", "B-1", 500, today.minusDays(20), null);
        Response sent = api.post("gongshu", "/api/resources/transfers", Map.of("fromWarehouseId", from, "toWarehouseId", to,
                "supplyTypeId", type("3010101"), "quantity", 200, "note", "汛前预置"));
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(201);
        long transfer = sent.body().path("id").asLong();
        assertThat(sent.body().path("state").asString()).isEqualTo("IN_TRANSIT");
        assertThat(balance(from, "B-1")).isEqualByComparingTo("300");
        assertThat(count("select count(*) from resource_batch where warehouse_id = " + to)).isZero();

        // another district knows nothing of it
        assertThat(api.get("xihu", "/api/resources/transfers/" + transfer).status()).isEqualTo(404);
        assertThat(api.post("xihu", "/api/resources/transfers/" + transfer + "/receive", null).status()).isEqualTo(404);

        Response received = AtOnce.exactlyOneWins(() -> api.post("gongshu", "/api/resources/transfers/" + transfer + "/receive", null));
        assertThat(received.body().path("state").asString()).isEqualTo("RECEIVED");
        assertThat(balance(to, "B-1")).isEqualByComparingTo("200");
        assertThat(api.post("gongshu", "/api/resources/transfers/" + transfer + "/cancel", null).status()).isEqualTo(409);

        long back = api.post("gongshu", "/api/resources/transfers", Map.of("fromWarehouseId", from, "toWarehouseId", to,
                "supplyTypeId", type("3010101"), "quantity", 50)).body().path("id").asLong();
        assertThat(balance(from, "B-1")).isEqualByComparingTo("250");
        Response cancelled = api.post("gongshu", "/api/resources/transfers/" + back + "/cancel", null);
        assertThat(cancelled.body().path("state").asString()).isEqualTo("RETURNED");
        assertThat(balance(from, "B-1")).isEqualByComparingTo("300");
        // transfers balanced: what both warehouses hold is what was received
        assertThat(balance(from, "B-1").add(balance(to, "B-1"))).isEqualByComparingTo("500");
        assertThat(api.get("gongshu", "/api/resources/warehouses/" + to + "/transfers").body().valueStream()
                .map(t -> t.path("state").asString())).containsExactly("RETURNED", "RECEIVED");
        Response same = api.post("gongshu", "/api/resources/transfers", Map.of("fromWarehouseId", from, "toWarehouseId", from,
                "supplyTypeId", type("3010101"), "quantity", 1));
        assertThat(same.errorFields()).containsExactly("toWarehouseId");
        ledgerAgrees(from);
        ledgerAgrees(to);
    }

    @Test
    void stockNeverGoesNegativeWhenOfficersIssueTheLastUnitsAtTheSameMoment() {
        long w = warehouse("米市巷街道发电机储备点");
        receive(w, "2020201", "G-1", 5, today().minusDays(5), null);
        api.token("gongshu");
        // ten officers want 3 of the last 5 generators: one gets them, nine are told what is left
        List<Response> answers = AtOnce.fire(AtOnce.TIMES, () -> api.post("gongshu", "/api/resources/warehouses/" + w + "/issues",
                Map.of("supplyTypeId", type("2020201"), "quantity", 3, "destination", "抢险现场")));
        assertThat(answers.stream().filter(a -> a.status() == 200)).hasSize(1);
        assertThat(answers.stream().filter(a -> a.status() == 409)).hasSize(AtOnce.TIMES - 1);
        assertThat(balance(w, "G-1")).isEqualByComparingTo("2");
        // ten want one each of the last two: two are served
        List<Response> ones = AtOnce.fire(AtOnce.TIMES, () -> api.post("gongshu", "/api/resources/warehouses/" + w + "/issues",
                Map.of("supplyTypeId", type("2020201"), "quantity", 1, "destination", "抢险现场")));
        assertThat(ones.stream().filter(a -> a.status() == 200)).hasSize(2);
        assertThat(balance(w, "G-1")).isEqualByComparingTo("0");
        ledgerAgrees(w);
    }

    @Test
    void warehousesAreScopedAndAnAgreementReserveIsItsEnterprisesAndItsSupervisorsOnly() {
        long w = warehouse("米市巷街道综合仓库");
        assertThat(api.get("gongshu", "/api/resources/warehouses/" + w).status()).isEqualTo(200);
        assertThat(api.get("hangzhou", "/api/resources/warehouses/" + w).status()).isEqualTo(200);
        assertThat(api.get("xihu", "/api/resources/warehouses/" + w).status()).isEqualTo(404);
        assertThat(api.put("xihu", "/api/resources/warehouses/" + w, township("改名")).status()).isEqualTo(404);
        assertThat(api.post("xihu", "/api/resources/warehouses/" + w + "/receipts", Map.of()).status()).isEqualTo(404);
        assertThat(api.get("xihu", "/api/resources/warehouses/" + w + "/stock").status()).isEqualTo(404);
        assertThat(api.get("xihu", "/api/resources/warehouses/" + w + "/movements").status()).isEqualTo(404);
        assertThat(api.get("xihu", "/api/resources/warehouses?size=500").body().path("content").valueStream()
                .map(x -> x.path("id").asLong())).doesNotContain(w);
        // a government warehouse is no enterprise's and no industry department's
        assertThat(api.get("qiye", "/api/resources/warehouses/" + w).status()).isEqualTo(404);
        assertThat(api.get("zhujian", "/api/resources/warehouses/" + w).status()).isEqualTo(404);

        long enterprise = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        JsonNode company = api.get("qiye", "/api/enterprises/" + enterprise).body();
        Map<String, Object> reserve = township("企业协议代储点");
        String region = company.path("regionCode").asString();
        reserve.put("regionCode", region);
        reserve.put("level", region.length() == 12 ? "VILLAGE" : "TOWNSHIP");
        reserve.put("ownership", "AGREEMENT");
        reserve.put("enterpriseId", enterprise);
        Response agreement = api.post("gongshu", "/api/resources/warehouses", reserve);
        assertThat(agreement.status()).as(agreement.body().toString()).isEqualTo(201);
        long a = agreement.body().path("id").asLong();
        assertThat(agreement.body().path("enterpriseName").asString()).isEqualTo(company.path("name").asString());
        assertThat(api.get("qiye", "/api/resources/warehouses/" + a).status()).isEqualTo(200);
        JsonNode own = api.get("qiye", "/api/resources/warehouses?size=500").body().path("content");
        assertThat(own.valueStream().map(x -> x.path("id").asLong())).contains(a);
        assertThat(own.valueStream().map(x -> x.path("enterpriseId").asLong())).containsOnly(enterprise);
        assertThat(api.get("xihu", "/api/resources/warehouses/" + a).status()).isEqualTo(404);

        // creating elsewhere: a region outside the scope is 403, another district's enterprise 404
        Map<String, Object> elsewhere = township("西湖区仓库");
        elsewhere.put("regionCode", DemoPlaces.BEISHAN);
        assertThat(api.post("gongshu", "/api/resources/warehouses", elsewhere).status()).isEqualTo(403);
        long xihuEnterprise = jdbc.sql("select id from enterprise where region_code like '330106%' order by id limit 1").query(Long.class).single();
        Map<String, Object> foreign = new HashMap<>(reserve);
        foreign.put("enterpriseId", xihuEnterprise);
        assertThat(api.post("gongshu", "/api/resources/warehouses", foreign).status()).isEqualTo(404);
        // the grid worker reads but does not write
        assertThat(api.post("wangge", "/api/resources/warehouses", township("网格仓库")).status()).isEqualTo(403);
    }

    @Test
    void badWarehousesAreRefusedFieldByFieldAndNothingIsWritten() {
        long before = count("select count(*) from resource_warehouse");
        Map<String, Object> wrong = township("");
        wrong.put("level", "VILLAGE");
        wrong.put("ownership", "AGREEMENT");
        wrong.put("longitude", 200);
        wrong.put("capacityM2", -5);
        wrong.put("keeperPhone", "12");
        Response refused = api.post("gongshu", "/api/resources/warehouses", wrong);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactlyInAnyOrder("name", "level", "longitude", "capacityM2", "keeperPhone", "enterpriseId");
        assertThat(refused.body().path("errors").valueStream().filter(e -> e.path("field").asString().equals("level")).findFirst()
                .orElseThrow().path("message").asString()).startsWith("所选行政区划与储备级别“村(社区)级”不符");
        Map<String, Object> unknownLevel = township("仓库");
        unknownLevel.put("level", "STREET");
        assertThat(api.post("gongshu", "/api/resources/warehouses", unknownLevel).errorFields()).containsExactly("level");
        assertThat(count("select count(*) from resource_warehouse")).isEqualTo(before);

        // a change with a stale version is refused
        long w = warehouse("米市巷街道备用仓库");
        Map<String, Object> edit = township("米市巷街道备用仓库(扩建)");
        edit.put("version", 0);
        assertThat(api.put("gongshu", "/api/resources/warehouses/" + w, edit).status()).isEqualTo(200);
        assertThat(api.put("gongshu", "/api/resources/warehouses/" + w, edit).status()).isEqualTo(409);
        assertThat(api.get("gongshu", "/api/resources/warehouses/" + w).body().path("name").asString()).isEqualTo("米市巷街道备用仓库(扩建)");
    }

    @Test
    void batchNumbersAreKeptWithTheirDates() {
        long w = warehouse("米市巷街道棉被储备点");
        LocalDate today = today();
        assertThat(receive(w, "1010301", "Q-" + UUID.randomUUID().toString().substring(0, 6), 10, today.minusDays(10), null).status()).isEqualTo(200);
        assertThat(receive(w, "1010301", "Q-1", 10, today.minusDays(10), null).status()).isEqualTo(200);
        assertThat(receive(w, "1010301", "Q-1", 5, today.minusDays(10), null).status()).isEqualTo(200);
        assertThat(balance(w, "Q-1")).isEqualByComparingTo("15");
        Response other = receive(w, "1010301", "Q-1", 5, today.minusDays(9), null);
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.errorFields()).containsExactly("batchNo");
        // the quilts' shelf life gives the expiry when only the production date is known
        assertThat(jdbc.sql("select expires_on from resource_batch where warehouse_id = :w and batch_no = 'Q-1'").param("w", w)
                .query(java.sql.Date.class).single().toLocalDate()).isEqualTo(today.minusDays(10).plusDays(1825));
        ledgerAgrees(w);
    }
}
