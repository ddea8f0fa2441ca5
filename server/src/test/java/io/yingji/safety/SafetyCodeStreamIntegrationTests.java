package io.yingji.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.ApiTest;
import io.yingji.support.Enterprises;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * GET /api/enterprises/{id}/safety-code/stream: the code when the stream opens, then each code the events
 * move it to (a risk assessment, a hazard step), to those who may see the enterprise only.
 */
class SafetyCodeStreamIntegrationTests extends ApiTest {

    /** An open stream, its lines collected as they arrive. */
    private record Listener(List<String> lines, Stream<String> body) implements AutoCloseable {

        List<JsonNode> codes(tools.jackson.databind.json.JsonMapper json) {
            return lines.stream().filter(line -> line.startsWith("data:")).map(line -> json.readTree(line.substring(5))).toList();
        }

        @Override
        public void close() {
            body.close();
        }
    }

    private HttpResponse<Stream<String>> open(String user, long enterprise) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/enterprises/" + enterprise
                        + "/safety-code/stream"))
                .header("Authorization", "Bearer " + api.token(user)).header("Accept", "text/event-stream").build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
    }

    private int status(String user, long enterprise) throws Exception {
        HttpResponse<Stream<String>> response = open(user, enterprise);
        response.body().close();
        return response.statusCode();
    }

    private Listener listen(String user, long enterprise) throws Exception {
        HttpResponse<Stream<String>> response = open(user, enterprise);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        }, "it-safety-stream-" + user);
        reader.setDaemon(true);
        reader.start();
        Listener listener = new Listener(lines, response.body());
        waitFor(() -> lines.stream().anyMatch(line -> line.startsWith(":connected")), user + "'s stream is subscribed");
        return listener;
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, Object> riskPoint(int l, int e, int c) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "测试风险点", "category", "SITE", "method", "LEC",
                "controlMeasures", "专人管控", "responsiblePerson", "李娜", "responsiblePhone", "13906812222"));
        body.put("l", l);
        body.put("e", e);
        body.put("c", c);
        return body;
    }

    @Test
    void theStreamSendsTheCodeAtOnceAndEachTimeAnEventMovesIt() throws Exception {
        long id = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu()).body().path("id").asLong();
        var json = api.json();
        try (Listener stream = listen("gongshu", id)) {
            waitFor(() -> !stream.codes(json).isEmpty(), "the current code arrives");
            assertThat(stream.codes(json).get(0).path("code").asString()).isEqualTo("GREEN");
            assertThat(stream.codes(json).get(0).path("enterpriseId").asLong()).isEqualTo(id);

            // a 较大 risk point: the code turns 黄 and the page hears of it
            api.post("gongshu", "/api/enterprises/" + id + "/risk-points", riskPoint(3, 6, 15));
            waitFor(() -> stream.codes(json).stream().anyMatch(c -> c.path("code").asString().equals("YELLOW")), "黄 arrives");
            JsonNode yellow = stream.codes(json).stream().filter(c -> c.path("code").asString().equals("YELLOW")).findFirst().orElseThrow();
            assertThat(yellow.path("reasons").get(0).asString()).isEqualTo("企业风险等级为较大风险（橙）");

            // a major hazard on top of 重大 risk: 红
            long hazard = api.post("gongshu", "/api/hazards", Map.of("title", "重大隐患测试", "description", "测试",
                    "enterpriseId", id, "source", "GOVERNMENT_INSPECTION")).body().path("id").asLong();
            api.post("gongshu", "/api/hazards/" + hazard + "/verify", Map.of("grade", "MAJOR", "category", "FIRE",
                    "responsibleUnit", "测试单位", "deadline", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(20).toString()));
            api.post("gongshu", "/api/enterprises/" + id + "/risk-points", riskPoint(6, 6, 15));
            waitFor(() -> stream.codes(json).stream().anyMatch(c -> c.path("code").asString().equals("RED")), "红 arrives");
        }
    }

    @Test
    void anotherDistrictOrEnterpriseCannotOpenTheStream() throws Exception {
        long id = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu()).body().path("id").asLong();
        assertThat(status("xihu", id)).isEqualTo(404);
        assertThat(status("qiye", id)).isEqualTo(404);
        assertThat(status("gongshu", 999_999_999L)).isEqualTo(404);
        long own = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        try (Listener mine = listen("qiye", own)) {
            waitFor(() -> !mine.codes(api.json()).isEmpty(), "the enterprise's own code arrives");
        }
    }
}
