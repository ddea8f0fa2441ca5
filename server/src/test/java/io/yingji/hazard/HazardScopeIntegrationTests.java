package io.yingji.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** Who reads back what it reports, what a tracking code reveals, and that foreign ids look like missing ones. */
class HazardScopeIntegrationTests extends ApiTest {

    private static final long MISSING = 987_654_321L;

    private static Map<String, Object> report(String source, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(Map.of("title", "脚手架连墙件缺失", "description", "施工现场外架连墙件未按方案设置",
                "source", source));
        body.putAll(more);
        return body;
    }

    /** The detail text with the id taken out, so that answers about two ids can be compared. */
    private static String withoutId(Response response, Object id) {
        return response.detail().replace(String.valueOf(id), "#");
    }

    private long qiyeEnterprise() {
        return api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
    }

    @Test
    void anIndustryDepartmentsReportCarriesItsIndustryAndItReadsItBack() {
        Response zhujian = api.post("zhujian", "/api/hazards", report("GOVERNMENT_INSPECTION", Map.of("regionCode", "330105001")));
        assertThat(zhujian.status()).as(zhujian.body().toString()).isEqualTo(201);
        assertThat(zhujian.body().path("industry").asString()).isEqualTo("CONSTRUCTION");
        long id = zhujian.body().path("id").asLong();
        assertThat(api.get("zhujian", "/api/hazards/" + id).status()).isEqualTo(200);
        assertThat(count("select count(*) from hazard where id = " + id + " and industry = 'CONSTRUCTION'")).isEqualTo(1);

        Response jiaotong = api.post("jiaotong", "/api/hazards", report("GOVERNMENT_INSPECTION", Map.of("regionCode", "330105001")));
        assertThat(jiaotong.status()).as(jiaotong.body().toString()).isEqualTo(201);
        assertThat(jiaotong.body().path("industry").asString()).isEqualTo("TRANSPORT");
        assertThat(api.get("zhujian", "/api/hazards/" + jiaotong.body().path("id").asLong()).status()).isEqualTo(404);

        // a comprehensive department reports without industry
        Response gongshu = api.post("gongshu", "/api/hazards", report("GOVERNMENT_INSPECTION", Map.of("regionCode", "330105001")));
        assertThat(gongshu.status()).isEqualTo(201);
        assertThat(gongshu.body().path("industry").isNull() || gongshu.body().path("industry").isMissingNode()).isTrue();

        // a department may not file a hazard in an industry it does not supervise; nothing is written
        long before = count("select count(*) from hazard");
        Response other = api.post("zhujian", "/api/hazards", report("GOVERNMENT_INSPECTION",
                Map.of("regionCode", "330105001", "industry", "CHEMICAL")));
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.errorFields()).containsExactly("industry");
        assertThat(other.body().path("errors").get(0).path("message").asString()).contains("CHEMICAL", "CONSTRUCTION");
        assertThat(count("select count(*) from hazard")).isEqualTo(before);
    }

    @Test
    void everyReporterReadsBackWhatItReported() {
        Map<String, Map<String, Object>> reports = Map.of(
                "hangzhou", report("GOVERNMENT_INSPECTION", Map.of("regionCode", "330105001")),
                "gongshu", report("GOVERNMENT_INSPECTION", Map.of("regionCode", "330105001")),
                "mishixiang", report("GRID_PATROL", Map.of("regionCode", "330105001055")),
                "zhujian", report("GOVERNMENT_INSPECTION", Map.of("regionCode", "330105002")),
                "jiaotong", report("GOVERNMENT_INSPECTION", Map.of("regionCode", "330106002")),
                "qiye", report("SELF_INSPECTION", Map.of("enterpriseId", qiyeEnterprise())));
        reports.forEach((user, body) -> {
            Response created = api.post(user, "/api/hazards", body);
            assertThat(created.status()).as("%s: %s", user, created.body()).isEqualTo(201);
            long id = created.body().path("id").asLong();
            assertThat(api.get(user, "/api/hazards/" + id).status()).as(user).isEqualTo(200);
            assertThat(api.get(user, "/api/hazards?size=500&status=REPORTED").body().path("content").valueStream()
                    .map(h -> h.path("id").asLong())).as(user).contains(id);
        });
    }

    @Test
    void onlyPublicReportsAreTrackableByTheirCode() {
        Map<String, String> prober = io.yingji.support.ClientAddresses.freshClient();
        Map<String, String> citizen = io.yingji.support.ClientAddresses.freshClient();
        Response patrol = api.post("mishixiang", "/api/hazards", report("GRID_PATROL", Map.of("regionCode", "330105001055")));
        Response inspection = api.post("gongshu", "/api/hazards", report("GOVERNMENT_INSPECTION", Map.of("regionCode", "330105001")));
        Response missing = api.send(HttpMethod.GET, "/public/hazards/YHNOSUCHCODE", null, null, prober);
        assertThat(missing.status()).isEqualTo(404);
        byte[] photo = "not really a photo".getBytes(StandardCharsets.UTF_8);
        for (Response staff : List.of(patrol, inspection)) {
            assertThat(staff.status()).isEqualTo(201);
            String code = staff.body().path("trackingCode").asString();
            assertThat(code).startsWith("YH");
            Response tracked = api.send(HttpMethod.GET, "/public/hazards/" + code, null, null, prober);
            assertThat(tracked.status()).isEqualTo(404);
            assertThat(withoutId(tracked, code)).isEqualTo(withoutId(missing, "YHNOSUCHCODE"));
            long attachments = count("select count(*) from hazard_attachment where hazard_id = " + staff.body().path("id").asLong());
            // from an address of its own, so the per-address limits of other tests are untouched
            Response upload = api.upload(null, "/public/hazards/" + code + "/attachments", "现场.jpg", photo, Map.of(),
                    prober);
            assertThat(upload.status()).isEqualTo(404);
            assertThat(count("select count(*) from hazard_attachment where hazard_id = " + staff.body().path("id").asLong()))
                    .isEqualTo(attachments);
        }
        // a report of the public stays trackable
        Response created = api.send(HttpMethod.POST, "/public/hazards", null, Map.of("title", "消防通道被占用",
                "description", "小区消防通道长期停放车辆", "regionCode", "330105001055"), citizen);
        assertThat(created.status()).isEqualTo(201);
        assertThat(api.send(HttpMethod.GET, "/public/hazards/" + created.body().path("trackingCode").asString(), null, null,
                        citizen)
                .status()).isEqualTo(200);
    }

    @Test
    void aForeignEnterpriseOrHazardIsAnsweredLikeAMissingOne() {
        long xihuEnterprise = count("select min(id) from enterprise where region_code like '330106%'");
        long before = count("select count(*) from hazard");
        Response foreign = api.post("gongshu", "/api/hazards", report("GOVERNMENT_INSPECTION", Map.of("enterpriseId", xihuEnterprise)));
        Response missing = api.post("gongshu", "/api/hazards", report("GOVERNMENT_INSPECTION", Map.of("enterpriseId", MISSING)));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(withoutId(foreign, xihuEnterprise)).isEqualTo(withoutId(missing, MISSING));
        // an enterprise account naming another enterprise, too
        Response neighbour = api.post("qiye", "/api/hazards", report("SELF_INSPECTION", Map.of("enterpriseId", xihuEnterprise)));
        assertThat(neighbour.status()).isEqualTo(404);
        assertThat(count("select count(*) from hazard")).isEqualTo(before);
        // a region outside the scope is public knowledge: refused, not hidden
        assertThat(api.post("gongshu", "/api/hazards", report("GOVERNMENT_INSPECTION", Map.of("regionCode", "330106002"))).status())
                .isEqualTo(403);

        long gongshuHazard = api.post("gongshu", "/api/hazards", report("GOVERNMENT_INSPECTION", Map.of("regionCode", "330105001")))
                .body().path("id").asLong();
        Map<String, Object> verification = Map.of("grade", "GENERAL", "category", "CONSTRUCTION", "responsibleUnit", "施工单位",
                "deadline", java.time.LocalDate.now().plusDays(10).toString(), "comment", "属实");
        for (String step : List.of("verify", "dismiss", "progress")) {
            Response onForeign = api.post("xihu", "/api/hazards/" + gongshuHazard + "/" + step, verification);
            Response onMissing = api.post("xihu", "/api/hazards/" + MISSING + "/" + step, verification);
            assertThat(onForeign.status()).as(step).isEqualTo(404);
            assertThat(onMissing.status()).as(step).isEqualTo(404);
            assertThat(withoutId(onForeign, gongshuHazard)).as(step).isEqualTo(withoutId(onMissing, MISSING));
        }
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        Response attachForeign = api.upload("xihu", "/api/hazards/" + gongshuHazard + "/attachments", "x.png", png);
        Response attachMissing = api.upload("xihu", "/api/hazards/" + MISSING + "/attachments", "x.png", png);
        assertThat(attachForeign.status()).isEqualTo(404);
        assertThat(attachMissing.status()).isEqualTo(404);
        assertThat(withoutId(attachForeign, gongshuHazard)).isEqualTo(withoutId(attachMissing, MISSING));
        assertThat(api.get("gongshu", "/api/hazards/" + gongshuHazard).body().path("hazard").path("status").asString()).isEqualTo("REPORTED");
    }

    @Test
    void aDepartmentOfSeveralIndustriesNamesTheOneItReportsIn() {
        long department = jdbc.sql("insert into department (name, region_code, industries) values (:name, '330105', 'CONSTRUCTION,TRANSPORT')"
                        + " returning id").param("name", "拱墅区综合执法局 " + java.util.UUID.randomUUID()).query(Long.class).single();
        String username = "zf" + String.valueOf(System.nanoTime()).substring(7);
        Map<String, Object> account = new HashMap<>(Map.of("username", username, "password", "Anquan2026", "displayName", "综合执法 测试员",
                "regionCode", "330105", "departmentId", department, "roles", List.of("DEPARTMENT")));
        Response createdAccount = api.post("admin", "/api/users", account);
        assertThat(createdAccount.status()).as(createdAccount.body().toString()).isEqualTo(201);
        String token = api.login(username, "Anquan2026").body().path("token").asString();
        long before = count("select count(*) from hazard");

        Response unnamed = api.send(HttpMethod.POST, "/api/hazards", token,
                report("GOVERNMENT_INSPECTION", Map.of("regionCode", "330105001")), Map.of());
        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.errorFields()).containsExactly("industry");
        assertThat(unnamed.body().path("errors").get(0).path("message").asString()).contains("CONSTRUCTION, TRANSPORT");
        Response english = api.send(HttpMethod.POST, "/api/hazards", token,
                report("GOVERNMENT_INSPECTION", Map.of("regionCode", "330105001", "industry", "CHEMICAL")), Map.of("Accept-Language", "en"));
        assertThat(english.status()).isEqualTo(400);
        assertThat(english.body().path("errors").get(0).path("message").asString())
                .isEqualTo("A hazard cannot be reported in industry \"CHEMICAL\" (allowed: CONSTRUCTION, TRANSPORT)");
        assertThat(count("select count(*) from hazard")).isEqualTo(before);

        Response named = api.send(HttpMethod.POST, "/api/hazards", token,
                report("GOVERNMENT_INSPECTION", Map.of("regionCode", "330105001", "industry", "TRANSPORT")), Map.of());
        assertThat(named.status()).as(named.body().toString()).isEqualTo(201);
        assertThat(named.body().path("industry").asString()).isEqualTo("TRANSPORT");
        assertThat(api.send(HttpMethod.GET, "/api/hazards/" + named.body().path("id").asLong(), token, null, Map.of()).status())
                .isEqualTo(200);
    }
}
