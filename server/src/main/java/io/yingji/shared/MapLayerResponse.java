package io.yingji.shared;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer of a map layer endpoint (a layer by column, thousands of points): JSON written with
 * Jackson's fast double writer (the coordinates are most of the numbers; the default writer goes
 * through the JDK's slower {@code Double.toString}), gzip-compressed at the fastest level when the
 * client accepts it. The layers are the platform's largest answers and are asked for on every map
 * view, so they trade a slightly larger answer for less CPU than the container's default level (6);
 * see docs/performance.md. Every other endpoint is left to the container's compression
 * ({@code server.compression}), which skips an answer that already has a Content-Encoding.
 */
public final class MapLayerResponse {

    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    private static final int MIN_COMPRESSED = 2048;

    private MapLayerResponse() {
    }

    /** A layer's answer, ready to send: its JSON, the JSON gzipped (null when too small), its quoted ETag. */
    public record Encoded(byte[] json, byte @Nullable [] gzip, String etag) {
        long bytes() {
            return json.length + (gzip == null ? 0 : gzip.length) + 64L;
        }
    }

    /** Browsers may keep a layer but must ask again each time (a 304 when it has not changed). */
    static final String CACHE_CONTROL = "private, no-cache";

    public static ResponseEntity<byte[]> of(Object layer, @Nullable String acceptEncoding) {
        byte[] json = JSON.writeValueAsBytes(layer);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (json.length < MIN_COMPRESSED || !acceptsGzip(acceptEncoding)) {
            return answer.body(json);
        }
        return answer.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(gzip(json));
    }

    /** A layer written once for many answers (see {@link LayerCache}). */
    static Encoded encode(Object layer) {
        byte[] json = JSON.writeValueAsBytes(layer);
        return new Encoded(json, json.length < MIN_COMPRESSED ? null : gzip(json), LayerCache.etagOf(json));
    }

    static ResponseEntity<byte[]> of(Encoded encoded, @Nullable String acceptEncoding) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .eTag(encoded.etag()).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        byte[] gzip = encoded.gzip();
        if (gzip == null || !acceptsGzip(acceptEncoding)) {
            return answer.body(encoded.json());
        }
        return answer.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(gzip);
    }

    private static byte[] gzip(byte[] json) {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream(json.length / 4 + 64);
        try (OutputStream out = new FastGzip(gzipped)) {
            out.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return gzipped.toByteArray();
    }

    /** Whether {@code Accept-Encoding} names gzip (or *) without refusing it by {@code q=0}. */
    static boolean acceptsGzip(@Nullable String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.trim().split(";");
            String coding = pieces[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
                for (int i = 1; i < pieces.length; i++) {
                    String parameter = pieces[i].trim().replace(" ", "");
                    if (parameter.equals("q=0") || parameter.matches("q=0\\.0{0,3}")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
