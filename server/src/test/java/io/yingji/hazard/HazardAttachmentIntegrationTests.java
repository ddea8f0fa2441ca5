package io.yingji.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HazardAttachmentIntegrationTests extends ApiTest {

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
        assertThat(api.upload("xihu", "/api/hazards/" + id + "/attachments", "x.png", PNG).status()).isEqualTo(403);
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
}
