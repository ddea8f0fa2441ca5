package io.yingji.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.FailureProbes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every kind of error the server can answer, walked in both languages: each is an RFC 9457
 * problem (application/problem+json) whose title and detail are Chinese by default and English with
 * {@code Accept-Language: en} — whether MVC, Spring Security, a servlet filter, the multipart parser,
 * the static resources or the servlet container's error page produced it.
 */
class ErrorFormatIntegrationTests extends ApiTest {

    /** One way to provoke an error: its name, the status it must answer, and the request. */
    record Case(String name, int status, Function<Request, Response> send) {
        @Override
        public String toString() {
            return status + " " + name;
        }
    }

    /** The Api and the language header the request goes with. */
    record Request(Api api, Map<String, String> headers) {

        Response send(HttpMethod method, String path, String username, Object body, Map<String, String> more) {
            Map<String, String> all = new HashMap<>(headers);
            all.putAll(more);
            return api.send(method, path, username == null ? null : api.token(username), body, all);
        }
    }

    static Stream<Arguments> errors() {
        Stream<Case> cases = Stream.of(
                new Case("unreadable JSON body", 400, r -> r.send(HttpMethod.POST, "/api/enterprises", "gongshu", "{\"name\": ", Map.of())),
                new Case("no caller", 401, r -> r.send(HttpMethod.GET, "/api/me", null, null, Map.of())),
                new Case("unknown bearer token", 401, r -> r.send(HttpMethod.GET, "/api/me", null, null,
                        Map.of(HttpHeaders.AUTHORIZATION, "Bearer no-such-token"))),
                new Case("missing permission", 403, r -> r.send(HttpMethod.GET, "/api/audit", "gongshu", null, Map.of())),
                new Case("unknown API path", 404, r -> r.send(HttpMethod.GET, "/api/no-such-endpoint", "gongshu", null, Map.of())),
                new Case("unknown public path", 404, r -> r.send(HttpMethod.GET, "/public/no-such-endpoint", null, null, Map.of())),
                new Case("unknown static file", 404, r -> r.send(HttpMethod.GET, "/no-such-file.js", null, null, Map.of())),
                new Case("unknown asset", 404, r -> r.send(HttpMethod.GET, "/assets/no-such-chunk", null, null, Map.of())),
                new Case("the error path asked for directly", 404, r -> r.send(HttpMethod.GET, "/error", null, null, Map.of())),
                new Case("method not allowed", 405, r -> r.send(HttpMethod.DELETE, "/api/auth/login", null, null, Map.of())),
                new Case("representation not acceptable", 406, r -> r.send(HttpMethod.GET, "/api/me", "gongshu", null,
                        Map.of(HttpHeaders.ACCEPT, "text/csv"))),
                new Case("JSON body over the limit", 413, r -> r.send(HttpMethod.POST, "/api/enterprises", "gongshu",
                        "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}", Map.of())),
                new Case("upload over the limit", 413, r -> r.api().upload(r.api().token("gongshu"), "/api/enterprises/import",
                        "huge.csv", new byte[11 * 1024 * 1024], Map.of(), r.headers())),
                new Case("JSON endpoint sent text/plain", 415, r -> r.api().sendRaw(HttpMethod.POST, "/api/enterprises", r.api().token("gongshu"),
                        MediaType.TEXT_PLAIN, "企业名录".getBytes(java.nio.charset.StandardCharsets.UTF_8), r.headers())),
                new Case("public form flooded", 429, ErrorFormatIntegrationTests::floodPublicReports),
                new Case("a bug in a controller", 500, r -> r.send(HttpMethod.GET, FailureProbes.CONTROLLER_FAILURE, "gongshu", null, Map.of())),
                new Case("an address with a broken percent escape, refused by the container itself", 400,
                        r -> rawGet(r, "/api/%zz")),
                new Case("a bug in a servlet filter", 500, r -> r.send(HttpMethod.GET, FailureProbes.FILTER_FAILURE, "gongshu", null, Map.of())));
        return cases.flatMap(c -> Stream.of(Arguments.of(c, "zh"), Arguments.of(c, "en")));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("errors")
    void everyErrorIsAProblemInTheCallersLanguage(Case error, String language) {
        Map<String, String> headers = language.equals("en") ? Map.of(HttpHeaders.ACCEPT_LANGUAGE, "en") : Map.of();
        Response answer = error.send().apply(new Request(api, headers));

        assertThat(answer.status()).as("status; body %s", answer.body()).isEqualTo(error.status());
        assertThat(answer.headers().getContentType()).as("content type; body %s", answer.body())
                .isNotNull()
                .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON), "application/problem+json");
        assertThat(answer.body().path("status").asInt()).isEqualTo(error.status());
        String title = answer.body().path("title").asString();
        String detail = answer.detail();
        assertThat(title).isNotBlank();
        assertThat(detail).isNotBlank();
        if (language.equals("en")) {
            assertThat(title + detail).as("English text").doesNotContainPattern("\\p{IsHan}");
        } else {
            assertThat(title).as("Chinese title").containsPattern("\\p{IsHan}");
            assertThat(detail).as("Chinese detail").containsPattern("\\p{IsHan}");
        }
        assertThat(detail).as("no internals shown").doesNotContain("Exception", "probe:", "org.springframework");
    }

    /**
     * A GET sent as written over a socket (HTTP clients would escape the address): for what the servlet
     * container refuses before the application sees it.
     */
    private static Response rawGet(Request request, String path) {
        try (Socket socket = new Socket("localhost", request.api().port())) {
            StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.0\r\nHost: localhost\r\n");
            request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String[] lines = answer.substring(0, end).split("\r\n");
            HttpHeaders headers = new HttpHeaders();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
            String body = answer.substring(end + 4);
            boolean json = headers.getContentType() != null && headers.getContentType().getSubtype().endsWith("json");
            JsonMapper mapper = JsonMapper.builder().build();
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, json ? mapper.readTree(body) : mapper.missingNode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Anonymous reports from one address (empty ones: refused, yet counted) until the abuse limit answers. */
    private static Response floodPublicReports(Request request) {
        String address = io.yingji.support.ClientAddresses.fresh();
        Response last = null;
        for (int i = 0; i < 20; i++) {
            last = request.send(HttpMethod.POST, "/public/hazards", null, Map.of(), Map.of("X-Forwarded-For", address));
            if (last.status() == 429) {
                break;
            }
        }
        return last;
    }
}
