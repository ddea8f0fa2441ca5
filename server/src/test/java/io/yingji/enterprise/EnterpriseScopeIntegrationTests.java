package io.yingji.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.MapLayers;
import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.Enterprises;
import io.yingji.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** 差别化授权: each level sees and changes only its own region, industry and enterprise. */
class EnterpriseScopeIntegrationTests extends ApiTest {

    private long anyEnterpriseIn(String prefix) {
        return jdbc.sql("select min(id) from enterprise where region_code like :p").param("p", prefix + "%")
                .query(Long.class).single();
    }

    private long countIn(String prefix) {
        return jdbc.sql("select count(*) from enterprise where region_code like :p").param("p", prefix + "%")
                .query(Long.class).single();
    }

    private JsonNode enterprise(long id) {
        return api.get("admin", "/api/enterprises/" + id).body();
    }

    @Test
    void gongshuSeesAllOfGongshuAndNothingElse() {
        Response page = api.get("gongshu", "/api/enterprises?size=500");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("totalElements").asLong()).isEqualTo(countIn("330105")).isGreaterThan(100);
        assertThat(page.body().path("content").valueStream().map(e -> e.path("regionCode").asString()))
                .isNotEmpty().allMatch(code -> code.startsWith("330105"));
    }

    @Test
    void gongshuCannotReadAXihuEnterprise() {
        Response response = api.get("gongshu", "/api/enterprises/" + anyEnterpriseIn("330106"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.detail()).contains("未找到");
    }

    @Test
    void gongshuCannotChangeAXihuEnterpriseAndNothingChanges() {
        long xihu = anyEnterpriseIn("330106");
        JsonNode before = enterprise(xihu);
        var body = api.editable(before);
        body.put("name", "被越权修改的企业");
        Response response = api.put("gongshu", "/api/enterprises/" + xihu, body);
        // answered like an id that does not exist: no oracle of which ids exist elsewhere
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.detail().replace(String.valueOf(xihu), "#"))
                .isEqualTo(api.put("gongshu", "/api/enterprises/987654321", body).detail().replace("987654321", "#"));
        assertThat(enterprise(xihu).path("name").asString()).isEqualTo(before.path("name").asString());
        assertThat(enterprise(xihu).path("version").asInt()).isEqualTo(before.path("version").asInt());
    }

    @Test
    void gongshuCannotRegisterAnEnterpriseInXihu() {
        long before = countIn("330106");
        Response response = api.post("gongshu", "/api/enterprises", Enterprises.inXihu(120.10, 30.25));
        assertThat(response.status()).isEqualTo(403);
        assertThat(countIn("330106")).isEqualTo(before);
    }

    @Test
    void gongshuCannotSeeOrAddHazardSourcesOfAXihuEnterprise() {
        long xihu = anyEnterpriseIn("330106");
        assertThat(api.get("gongshu", "/api/enterprises/" + xihu + "/hazard-sources").status()).isEqualTo(404);
        Response add = api.post("gongshu", "/api/enterprises/" + xihu + "/hazard-sources", java.util.Map.of(
                "name", "液氨储罐区", "exposedPeople", 10, "chemicals", java.util.List.of(java.util.Map.of("chemical", "AMMONIA", "quantity", 20))));
        assertThat(add.status()).isEqualTo(404);
    }

    @Test
    void hangzhouSeesGongshuAndXihu() {
        assertThat(api.get("hangzhou", "/api/enterprises/" + anyEnterpriseIn("330105")).status()).isEqualTo(200);
        assertThat(api.get("hangzhou", "/api/enterprises/" + anyEnterpriseIn("330106")).status()).isEqualTo(200);
        Response page = api.get("hangzhou", "/api/enterprises?size=1");
        assertThat(page.body().path("totalElements").asLong()).isEqualTo(countIn("3301"));
        assertThat(api.get("hangzhou", "/api/enterprises/" + anyEnterpriseIn("3302")).status()).isEqualTo(404);
    }

    @Test
    void qiyeSeesOnlyItsOwnEnterprise() {
        long own = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        Response page = api.get("qiye", "/api/enterprises?size=50");
        assertThat(page.body().path("totalElements").asLong()).isEqualTo(1);
        assertThat(page.body().path("content").get(0).path("id").asLong()).isEqualTo(own);
        long neighbour = jdbc.sql("select min(id) from enterprise where region_code like '330105%' and id <> :own")
                .param("own", own).query(Long.class).single();
        assertThat(api.get("qiye", "/api/enterprises/" + neighbour).status()).isEqualTo(404);
        assertThat(api.get("qiye", "/api/enterprises/" + own).status()).isEqualTo(200);
    }

    @Test
    void qiyeCannotRegisterNewEnterprises() {
        Response response = api.post("qiye", "/api/enterprises", Enterprises.inGongshu());
        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void anIndustryDepartmentSeesOnlyItsIndustryInItsRegion() {
        Response page = api.get("zhujian", "/api/enterprises?size=500");
        long construction = jdbc.sql("select count(*) from enterprise where region_code like '330105%' and industry = 'CONSTRUCTION'")
                .query(Long.class).single();
        assertThat(page.body().path("totalElements").asLong()).isEqualTo(construction).isPositive();
        assertThat(page.body().path("content").valueStream().map(e -> e.path("industry").asString()))
                .allMatch("CONSTRUCTION"::equals);
        long chemical = jdbc.sql("select min(id) from enterprise where region_code like '330105%' and industry = 'CHEMICAL'")
                .query(Long.class).single();
        assertThat(api.get("zhujian", "/api/enterprises/" + chemical).status()).isEqualTo(404);
    }

    @Test
    void aGridWorkerMayReadButNotChange() {
        long inVillage = anyEnterpriseIn("330105001055");
        assertThat(api.get("wangge", "/api/enterprises/" + inVillage).status()).isEqualTo(200);
        JsonNode current = enterprise(inVillage);
        var body = api.editable(current);
        assertThat(api.put("wangge", "/api/enterprises/" + inVillage, body).status()).isEqualTo(403);
        assertThat(api.get("wangge", "/api/enterprises/" + anyEnterpriseIn("330105002")).status()).isEqualTo(404);
    }

    @Test
    void filtersNarrowTheScopeButNeverWidenIt() {
        Response xihuFilter = api.get("gongshu", "/api/enterprises?regionCode=330106");
        assertThat(xihuFilter.status()).isEqualTo(200);
        assertThat(xihuFilter.body().path("totalElements").asLong()).isZero();
        Response street = api.get("gongshu", "/api/enterprises?regionCode=330105005&industry=CHEMICAL");
        long expected = jdbc.sql("select count(*) from enterprise where region_code like '330105005%' and industry = 'CHEMICAL'")
                .query(Long.class).single();
        assertThat(street.body().path("totalElements").asLong()).isEqualTo(expected);
        Response byName = api.get("gongshu", "/api/enterprises?q=运河精细化工");
        assertThat(byName.body().path("content").get(0).path("name").asString()).isEqualTo("杭州运河精细化工有限公司");
    }

    @Test
    void exportsOnlyWhatTheCallerMaySee() throws Exception {
        Response gongshu = api.send(HttpMethod.GET, "/api/enterprises/export", api.token("gongshu"), null, java.util.Map.of());
        assertThat(gongshu.status()).isEqualTo(200);
        assertThat(gongshu.headers().getContentDisposition().getFilename()).isEqualTo("企业名录.xlsx");
        java.util.List<String> regionCodes = regionColumn(api.download("gongshu", "/api/enterprises/export"));
        assertThat(regionCodes).hasSize((int) countIn("330105")).allMatch(code -> code.startsWith("330105"));
        assertThat(regionColumn(api.download("qiye", "/api/enterprises/export"))).hasSize(1);
        assertThat(regionColumn(api.download("gongshu", "/api/enterprises/export?regionCode=330106"))).isEmpty();
    }

    @Test
    void theListSortsByItsColumnsWithinScopeAndTheExportKeepsTheOrder() throws Exception {
        java.util.List<String> byName = api.get("gongshu", "/api/enterprises?sort=creditCode,desc&size=500").body().path("content")
                .valueStream().map(e -> e.path("creditCode").asString()).toList();
        assertThat(byName).hasSizeGreaterThan(100).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        java.util.List<String> byRegion = api.get("gongshu", "/api/enterprises?sort=region&size=500").body().path("content")
                .valueStream().map(e -> e.path("regionCode").asString()).toList();
        assertThat(byRegion).allMatch(code -> code.startsWith("330105"));
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(
                api.download("gongshu", "/api/enterprises/export?sort=creditCode,desc")))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(byName.get(0));
        }
        Response unknown = api.get("gongshu", "/api/enterprises?sort=password");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorFields()).containsExactly("sort");
        assertThat(api.get("gongshu", "/api/enterprises/export?sort=e.id;drop").status()).isEqualTo(400);
    }

    private static java.util.List<String> regionColumn(byte[] workbook) throws Exception {
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(workbook))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(7).getStringCellValue()).isEqualTo("行政区划代码");
            java.util.List<String> codes = new java.util.ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                codes.add(sheet.getRow(r).getCell(7).getStringCellValue());
            }
            return codes;
        }
    }

    @Test
    void theMapShowsEveryEnterpriseInScopeAndNothingElse() {
        Response gongshu = api.get("gongshu", "/api/enterprises/map");
        assertThat(MapLayers.rows(gongshu.body())).hasSize((int) countIn("330105"));
        assertThat(MapLayers.rows(gongshu.body()).stream().map(p -> p.path("regionCode").asString())).allMatch(c -> c.startsWith("330105"));
        Response street = api.get("gongshu", "/api/enterprises/map?regionCode=330105005&industry=CHEMICAL");
        assertThat(MapLayers.rows(street.body()).stream().map(p -> p.path("industry").asString())).allMatch("CHEMICAL"::equals);
        assertThat(api.get("gongshu", "/api/enterprises/map?regionCode=330106").body().path("count").asInt()).isZero();
        assertThat(MapLayers.rows(api.get("qiye", "/api/enterprises/map").body())).hasSize(1);
        assertThat(api.get("gongshu", "/api/enterprises/map?regionCode=33x").status()).isEqualTo(400);
    }

    @Test
    void theMapLayerComesByColumnAndGzipCompressedToClientsThatAcceptIt() throws Exception {
        Response layer = api.get("gongshu", "/api/enterprises/map");
        assertThat(layer.body().properties().stream().map(java.util.Map.Entry::getKey))
                .containsExactly("count", "id", "name", "industry", "longitude", "latitude", "regionCode", "majorHazard");
        java.util.List<tools.jackson.databind.JsonNode> rows = MapLayers.rows(layer.body());
        var first = rows.get(0);
        var enterprise = api.get("gongshu", "/api/enterprises/" + first.path("id").asLong()).body();
        assertThat(first.path("name").asString()).isEqualTo(enterprise.path("name").asString());
        assertThat(first.path("industry").asString()).isEqualTo(enterprise.path("industry").asString());
        assertThat(first.path("regionCode").asString()).isEqualTo(enterprise.path("regionCode").asString());
        assertThat(first.path("longitude").asDouble()).isCloseTo(enterprise.path("longitude").asDouble(), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(first.path("latitude").asDouble()).isCloseTo(enterprise.path("latitude").asDouble(), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(first.path("majorHazard").isBoolean()).isTrue();

        // compressed on the wire when the client accepts gzip (as every browser does), plain otherwise
        var http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/enterprises/map"))
                .header("Authorization", "Bearer " + api.token("gongshu"));
        var gzipped = http.send(request.copy().header("Accept-Encoding", "gzip").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] plain;
        try (var gunzip = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
            plain = gunzip.readAllBytes();
        }
        assertThat(gzipped.body().length).isLessThan(plain.length / 3);
        assertThat(tools.jackson.databind.json.JsonMapper.builder().build().readTree(plain)).isEqualTo(layer.body());
        var identity = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(identity.body()).isEqualTo(plain);
    }

    @Test
    void statisticsCountOnlyTheScope() {
        Response gongshu = api.get("gongshu", "/api/enterprises/statistics");
        long sum = java.util.stream.Stream.of(io.yingji.shared.Industry.values())
                .mapToLong(i -> gongshu.body().path(i.name()).asLong(0)).sum();
        assertThat(sum).isEqualTo(countIn("330105"));
        Response zhujian = api.get("zhujian", "/api/enterprises/statistics");
        assertThat(zhujian.body().path("CONSTRUCTION").asLong()).isPositive();
        assertThat(zhujian.body().has("CHEMICAL")).isFalse();
        assertThat(api.get("gongshu", "/api/enterprises/statistics?regionCode=abc").status()).isEqualTo(400);
    }

    @Test
    void withoutLoginNothingIsShown() {
        Response response = api.send(HttpMethod.GET, "/api/enterprises", null, null, java.util.Map.of());
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.detail()).isEqualTo("请先登录");
    }
}
