package io.yingji.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's HTTP API as a client sees it: real requests to the running server. Answers are
 * never turned into exceptions, so tests can assert on every status.
 */
public class Api {

    public static final String PASSWORD = "Yingji@2026";

    /** A status, headers and the JSON body (a missing node when there is none). */
    public record Response(int status, HttpHeaders headers, JsonNode body) {

        public String detail() {
            return body.path("detail").asString();
        }

        public List<String> errorFields() {
            return body.path("errors").valueStream().map(e -> e.path("field").asString()).toList();
        }
    }

    private final int port;
    private final RestClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, String> tokens = new HashMap<>();

    public Api(int port) {
        this.port = port;
        this.http = RestClient.builder().baseUrl("http://localhost:" + port).build();
    }

    /** The platform's HTTP port, for tests that must speak to it below an HTTP client. */
    public int port() {
        return port;
    }

    /** A bearer token of the demo account, logged in once per Api instance. */
    public String token(String username) {
        return tokens.computeIfAbsent(username, u -> {
            Response login = login(u, PASSWORD);
            if (login.status() != 200) {
                throw new IllegalStateException("login of " + u + " failed: " + login.body());
            }
            return login.body().path("token").asString();
        });
    }

    public Response login(String username, String password) {
        return send(HttpMethod.POST, "/api/auth/login", null, Map.of("username", username, "password", password), Map.of());
    }

    public Response get(String username, String path) {
        return send(HttpMethod.GET, path, token(username), null, Map.of());
    }

    public Response post(String username, String path, Object body) {
        return send(HttpMethod.POST, path, token(username), body, Map.of());
    }

    public Response put(String username, String path, Object body) {
        return send(HttpMethod.PUT, path, token(username), body, Map.of());
    }

    public Response delete(String username, String path) {
        return send(HttpMethod.DELETE, path, token(username), null, Map.of());
    }

    public Response upload(String username, String path, String filename, byte[] content) {
        return upload(username, path, filename, content, Map.of());
    }

    /** A multipart upload of one file with further form fields. */
    public Response upload(String username, String path, String filename, byte[] content, Map<String, String> fields) {
        return upload(token(username), path, filename, content, fields, Map.of());
    }

    /** A multipart upload with the given token (null: anonymously) and extra headers. */
    public Response upload(@Nullable String token, String path, String filename, byte[] content, Map<String, String> fields,
                           Map<String, String> headers) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        form.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put(HttpHeaders.CONTENT_TYPE, MediaType.MULTIPART_FORM_DATA_VALUE);
        return send(HttpMethod.POST, path, token, form, all);
    }

    /** The raw bytes of a download (an export), failing unless it answers 200. */
    public byte[] download(String username, String path) {
        return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token(username))
                .retrieve().body(byte[].class);
    }

    public Response send(HttpMethod method, String path, @Nullable String token, @Nullable Object body,
                         Map<String, String> headers) {
        RestClient.RequestBodySpec request = http.method(method).uri(path);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body != null) {
            if (body instanceof String text) {
                request.contentType(MediaType.APPLICATION_JSON).body(text);
            } else if (body instanceof MultiValueMap<?, ?> || body instanceof byte[]) {
                request.body(body);
            } else {
                request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
            }
        }
        return request.exchange((req, res) -> {
            byte[] bytes = res.getBody().readAllBytes();
            JsonNode node;
            try {
                node = bytes.length == 0 ? json.missingNode() : json.readTree(bytes);
            } catch (RuntimeException notJson) {
                node = json.getNodeFactory().stringNode(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
            return new Response(res.getStatusCode().value(), res.getHeaders(), node);
        });
    }

    /** A body of any content type, sent as the given bytes (for what a JSON client would never send). */
    public Response sendRaw(HttpMethod method, String path, @Nullable String token, MediaType contentType, byte[] body,
                            Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(HttpHeaders.CONTENT_TYPE, contentType.toString());
        return send(method, path, token, body, all);
    }

    /** An enterprise as read from the API, turned into the body of a PUT (read-only fields dropped). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> editable(JsonNode enterprise) {
        Map<String, Object> body = json.convertValue(enterprise, Map.class);
        body.keySet().removeAll(List.of("id", "regionName", "majorHazard", "createdAt", "updatedAt"));
        return body;
    }

    public JsonMapper json() {
        return json;
    }
}
