package io.yingji.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.junit.jupiter.api.Test;

class HazardAttachmentIntegrationTests extends ApiTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.yingji.support.MutableClock clock;

    /** The smallest valid PNG: a 1×1 transparent pixel. */
    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private long hazardAtQiye() {
        long enterprise = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        return api.post("qiye", "/api/hazards", Map.of("title", "消防通道堵塞", "description", "厂区东侧消防通道堆放托盘",
                "enterpriseId", enterprise, "source", "SELF_INSPECTION")).body().path("id").asLong();
    }

    @Test
    void aPhotoIsStoredOutsideTheDatabaseAndServedWithinScope() throws Exception {
        long id = hazardAtQiye();
        Response added = api.upload("qiye", "/api/hazards/" + id + "/attachments", "现场照片.png", PNG);
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().path("contentType").asString()).isEqualTo("image/png");
        long attachment = added.body().path("id").asLong();

        String key = jdbc.sql("select storage_key from hazard_attachment where id = :id").param("id", attachment)
                .query(String.class).single();
        assertThat(Files.readAllBytes(Path.of("target/it-files").resolve(key))).isEqualTo(PNG);

        byte[] downloaded = api.download("gongshu", "/api/hazards/" + id + "/attachments/" + attachment);
        assertThat(Arrays.equals(downloaded, PNG)).isTrue();
        assertThat(api.get("gongshu", "/api/hazards/" + id + "/attachments").body().get(0).path("filename").asString())
                .isEqualTo("现场照片.png");

        assertThat(api.get("xihu", "/api/hazards/" + id + "/attachments").status()).isEqualTo(404);
        assertThat(api.get("xihu", "/api/hazards/" + id + "/attachments/" + attachment).status()).isEqualTo(404);
        assertThat(api.upload("xihu", "/api/hazards/" + id + "/attachments", "x.png", PNG).status()).isEqualTo(404);
    }

    @Test
    void onlyPhotosAndPdfsAreAcceptedWhateverTheirName() {
        long id = hazardAtQiye();
        long before = count("select count(*) from hazard_attachment");
        Response script = api.upload("qiye", "/api/hazards/" + id + "/attachments", "照片.png",
                "<script>alert(1)</script>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(script.status()).isEqualTo(400);
        assertThat(script.detail()).isEqualTo("只能上传照片（JPEG、PNG、WebP）或 PDF 文件");
        Response exe = api.upload("qiye", "/api/hazards/" + id + "/attachments", "report.pdf", new byte[] {'M', 'Z', 0, 0});
        assertThat(exe.status()).isEqualTo(400);
        assertThat(api.upload("qiye", "/api/hazards/" + id + "/attachments", "整改报告.pdf",
                "%PDF-1.4\n%%EOF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).status()).isEqualTo(201);
        assertThat(count("select count(*) from hazard_attachment")).isEqualTo(before + 1);
        Response tooBig = api.upload("qiye", "/api/hazards/" + id + "/attachments", "big.png", new byte[11 * 1024 * 1024]);
        assertThat(tooBig.status()).isEqualTo(413);
    }

    @Test
    void photosAreRecordedAsTheEvidenceOfAStepAndNothingIsAddedAfterClosing() {
        long id = hazardAtQiye();
        api.post("gongshu", "/api/hazards/" + id + "/verify", Map.of("grade", "GENERAL", "category", "FIRE",
                "responsibleUnit", "杭州运河精细化工有限公司", "deadline", java.time.LocalDate.now().plusDays(7).toString()));
        api.post("gongshu", "/api/hazards/" + id + "/assign", Map.of());
        long before = api.upload("qiye", "/api/hazards/" + id + "/attachments", "整改前.png", PNG).body().path("id").asLong();
        long after = api.upload("qiye", "/api/hazards/" + id + "/attachments", "整改后.png", PNG).body().path("id").asLong();
        Response completed = api.post("qiye", "/api/hazards/" + id + "/complete",
                Map.of("comment", "托盘已清走", "attachmentIds", java.util.List.of(before, after)));
        assertThat(completed.status()).isEqualTo(200);
        var history = api.get("gongshu", "/api/hazards/" + id).body().path("history");
        var complete = history.valueStream().filter(h -> h.path("action").asString().equals("complete")).findFirst().orElseThrow();
        assertThat(complete.path("attachmentIds").valueStream().map(a -> a.asLong())).containsExactly(before, after);
        assertThat(api.get("gongshu", "/api/hazards/" + id + "/attachments").body().valueStream()
                .map(a -> a.path("eventId").asLong())).containsOnly(complete.path("id").asLong());

        api.post("gongshu", "/api/hazards/" + id + "/reject", Map.of("comment", "通道仍有杂物"));
        // evidence already used by a step, or of another hazard, is refused, and the step is not taken
        Response reused = api.post("qiye", "/api/hazards/" + id + "/complete", Map.of("attachmentIds", java.util.List.of(before)));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.detail()).isEqualTo("整改证据须为本隐患已上传且未用于其他步骤的附件");
        assertThat(api.get("qiye", "/api/hazards/" + id).body().path("hazard").path("status").asString()).isEqualTo("REMEDIATING");

        api.post("qiye", "/api/hazards/" + id + "/complete", Map.of("comment", "已全部清理"));
        api.post("gongshu", "/api/hazards/" + id + "/accept", Map.of("comment", "验收合格"));
        Response late = api.upload("qiye", "/api/hazards/" + id + "/attachments", "补充.png", PNG);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.detail()).isEqualTo("隐患已销号或认定不属实，不能再添加附件");
    }

    /** A public report from its own (forwarded) client address, so the per-address limit of other tests is untouched. */
    private String reportPublicly(String address) {
        Response created = api.send(HttpMethod.POST, "/public/hazards", null, Map.of("title", "河道护栏缺失",
                "description", "沿河步道约 20 米护栏缺失，夜间行人易落水", "regionCode", "330105001055"),
                Map.of("X-Forwarded-For", address));
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("trackingCode").asString();
    }

    private Response uploadPublicly(String code, String filename, byte[] content) {
        return api.upload(null, "/public/hazards/" + code + "/attachments", filename, content, Map.of(), Map.of());
    }

    @Test
    void aPublicReporterAddsAFewPhotosSoonAfterReporting() {
        String code = reportPublicly(io.yingji.support.ClientAddresses.fresh());
        assertThat(uploadPublicly(code, "护栏.png", PNG).status()).isEqualTo(201);
        Response script = uploadPublicly(code, "护栏.png", "<svg onload=alert(1)>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(script.status()).isEqualTo(400);
        assertThat(script.detail()).isEqualTo("只能上传照片（JPEG、PNG、WebP）或 PDF 文件");
        assertThat(uploadPublicly(code, "2.png", PNG).status()).isEqualTo(201);
        assertThat(uploadPublicly(code, "3.png", PNG).status()).isEqualTo(201);
        Response fourth = uploadPublicly(code, "4.png", PNG);
        assertThat(fourth.status()).isEqualTo(409);
        assertThat(fourth.detail()).isEqualTo("每条举报最多上传 3 个附件");

        Response tracked = api.send(HttpMethod.GET, "/public/hazards/" + code, null, null, Map.of());
        assertThat(tracked.body().path("attachmentCount").asLong()).isEqualTo(3);
        long id = jdbc.sql("select id from hazard where tracking_code = :c").param("c", code).query(Long.class).single();
        Response listed = api.get("gongshu", "/api/hazards/" + id + "/attachments");
        assertThat(listed.body().valueStream().map(a -> a.path("uploadedBy").asString())).containsOnly("public");
        assertThat(api.get("xihu", "/api/hazards/" + id + "/attachments").status()).isEqualTo(404);
    }

    @Test
    void publicPhotosNeedAPublicReportsCodeAndComeOnlyWithinTheWindow() {
        assertThat(uploadPublicly("YHNOSUCHCODE", "x.png", PNG).status()).isEqualTo(404);
        // a hazard reported by an enterprise has a tracking code too, but the public may not add to it
        long internal = hazardAtQiye();
        String internalCode = jdbc.sql("select tracking_code from hazard where id = :id").param("id", internal)
                .query(String.class).single();
        assertThat(uploadPublicly(internalCode, "x.png", PNG).status()).isEqualTo(404);

        String code = reportPublicly(io.yingji.support.ClientAddresses.fresh());
        clock.advance(java.time.Duration.ofMinutes(61));
        try {
            Response late = uploadPublicly(code, "晚到的照片.png", PNG);
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.detail()).isEqualTo("举报提交 60 分钟后不能再补充照片，如需补充请重新举报");
        } finally {
            clock.reset();
        }
        assertThat(count("select count(*) from hazard_attachment a join hazard h on h.id = a.hazard_id where h.tracking_code = '"
                + code + "'")).isZero();
    }

    @Test
    void aGridWorkerAttachesToTheHazardsItReportedButNotToAnothersReport() {
        Map<String, Object> report = Map.of("title", "楼道堆放杂物", "description", "大塘巷社区 3 幢楼道堆放纸箱",
                "regionCode", "330105001055", "source", "GRID_PATROL");
        long byTownship = api.post("mishixiang", "/api/hazards", report).body().path("id").asLong();
        long byGridWorker = api.post("wangge", "/api/hazards", report).body().path("id").asLong();
        assertThat(api.get("wangge", "/api/hazards/" + byTownship).status()).isEqualTo(200);
        long before = count("select count(*) from hazard_attachment");

        assertThat(api.upload("wangge", "/api/hazards/" + byTownship + "/attachments", "现场.png", PNG).status()).isEqualTo(403);
        assertThat(count("select count(*) from hazard_attachment")).isEqualTo(before);

        assertThat(api.upload("wangge", "/api/hazards/" + byGridWorker + "/attachments", "现场.png", PNG).status()).isEqualTo(201);
        assertThat(api.upload("mishixiang", "/api/hazards/" + byGridWorker + "/attachments", "核实.png", PNG).status()).isEqualTo(201);
        assertThat(count("select count(*) from hazard_attachment")).isEqualTo(before + 2);
    }
}
