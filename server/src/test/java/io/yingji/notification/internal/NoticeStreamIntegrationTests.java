package io.yingji.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.notification.Notice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The live notice stream (GET /api/notifications/stream) carries to an open page only its own user's notices. */
class NoticeStreamIntegrationTests extends DeliveryTestSupport {

    /** An open stream of one user, its lines collected as they arrive. */
    private record Listener(List<String> lines, Stream<String> body) implements AutoCloseable {

        boolean has(String text) {
            return lines.stream().anyMatch(line -> line.startsWith("data:") && line.contains(text));
        }

        JsonNode notice(String text, tools.jackson.databind.json.JsonMapper json) {
            return json.readTree(lines.stream().filter(line -> line.startsWith("data:") && line.contains(text)).findFirst()
                    .orElseThrow().substring(5));
        }

        @Override
        public void close() {
            body.close();
        }
    }

    private Listener listen(String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/notifications/stream"))
                .header("Authorization", "Bearer " + api.token(user)).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        }, "it-stream-" + user);
        reader.setDaemon(true);
        reader.start();
        Listener listener = new Listener(lines, response.body());
        // the server greets a stream once it is subscribed: from then on no notice can slip past it
        waitFor(() -> lines.stream().anyMatch(line -> line.startsWith(":connected")), user + "'s stream is subscribed");
        return listener;
    }

    private void tell(String user, String title) {
        inbox.deliver(new Notice("test.stream", "notice.delivery.title", "notice.delivery.body", List.of(title, title + "的内容。"),
                "/notifications"), List.of(userId(user)));
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void anOpenStreamReceivesTheNoticesAddressedToItsUserAndNoneOfAnotherDistrictsOrTheCitys() throws Exception {
        String tag = source("stream");
        try (Listener gongshu = listen("gongshu"); Listener xihu = listen("xihu"); Listener city = listen("hangzhou")) {
            tell("xihu", "西湖区山洪预警 " + tag);
            tell("gongshu", "拱墅区内涝预警 " + tag);
            // markers stored after both: a stream sends its user's notices in order, so once a marker has
            // arrived, the stream has passed every earlier notice it was ever going to send
            tell("gongshu", "拱墅区标记 " + tag);
            tell("xihu", "西湖区标记 " + tag);
            waitFor(() -> gongshu.has("拱墅区标记 " + tag), "gongshu's stream shows its marker");
            waitFor(() -> xihu.has("西湖区标记 " + tag), "xihu's stream shows its marker");

            assertThat(gongshu.has("拱墅区内涝预警 " + tag)).isTrue();
            assertThat(gongshu.has("西湖区")).as("gongshu's stream carries nothing addressed to xihu").isFalse();
            assertThat(xihu.has("西湖区山洪预警 " + tag)).isTrue();
            assertThat(xihu.has("拱墅区")).as("xihu's stream carries nothing addressed to gongshu").isFalse();
            JsonNode notice = gongshu.notice("拱墅区内涝预警 " + tag, json);
            assertThat(notice.path("title").asString()).isEqualTo("拱墅区内涝预警 " + tag);
            assertThat(notice.path("body").asString()).isEqualTo("拱墅区内涝预警 " + tag + "的内容。");
            assertThat(notice.path("readAt").isNull()).isTrue();
            assertThat(notice.path("link").asString()).isEqualTo("/notifications");

            // the city's account is over both districts, yet a notice to a person is that person's alone
            tell("hangzhou", "杭州市标记 " + tag);
            waitFor(() -> city.has("杭州市标记 " + tag), "the city's stream shows its marker");
            assertThat(city.lines()).noneMatch(line -> line.contains("西湖区") || line.contains("拱墅区"));
            assertThat(gongshu.has("杭州市")).isFalse();
        }
    }
}
