package io.yingji.shared;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Encoded map layers kept per caller scope and filter, valid while their data's version is unchanged.
 * A map view asks for the same layer again and again (the one map, and the command view and cockpit that
 * draw the same layers); reading thousands of rows and writing megabytes of JSON for every view is most
 * of the cost, while asking the database for one version number is almost nothing. The caller reads the
 * version (a committed counter its module raises in every transaction that changes the layer) before the
 * rows, so an entry never carries a version newer than its data; a change made on another instance is
 * seen at the next request.
 *
 * <p>The key must hold everything the layer depends on besides the data: the caller's data scope and the
 * filter. Entries are evicted least recently used beyond {@code maxBytes}. Each answer carries a strong
 * ETag of its content, so a browser that already has the layer gets 304 Not Modified.
 */
public final class LayerCache {

    /** What a cached layer depends on besides its data: the layer, the caller's data scope, the filter. */
    public record Key(String layer, Object scope, Object filter) {
    }

    private record Entry(long version, MapLayerResponse.Encoded encoded) {
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    public LayerCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The layer for {@code key} at {@code version}: from the cache when it holds that version, otherwise
     * loaded, encoded and kept. {@code load} runs outside any lock (two first requests may both load).
     */
    public ResponseEntity<byte[]> answer(Key key, long version, Supplier<?> load, @Nullable String acceptEncoding,
                                         @Nullable String ifNoneMatch) {
        MapLayerResponse.Encoded encoded = cached(key, version);
        if (encoded == null) {
            encoded = MapLayerResponse.encode(load.get());
            keep(key, version, encoded);
        }
        if (ifNoneMatch != null && matches(ifNoneMatch, encoded.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(encoded.etag())
                    .header(HttpHeaders.CACHE_CONTROL, MapLayerResponse.CACHE_CONTROL)
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING).build();
        }
        return MapLayerResponse.of(encoded, acceptEncoding);
    }

    /** How many layers are held (for tests and the operations page). */
    public synchronized int size() {
        return entries.size();
    }

    private synchronized MapLayerResponse.@Nullable Encoded cached(Key key, long version) {
        Entry entry = entries.get(key);
        return entry != null && entry.version() == version ? entry.encoded() : null;
    }

    private synchronized void keep(Key key, long version, MapLayerResponse.Encoded encoded) {
        Entry held = entries.get(key);
        if (held != null && held.version() > version) {
            return; // a request that read a later version was quicker: keep the newer layer
        }
        if (encoded.bytes() > maxBytes) {
            return;
        }
        if (held != null) {
            bytes -= held.encoded().bytes();
        }
        entries.put(key, new Entry(version, encoded));
        bytes += encoded.bytes();
        Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<Key, Entry> next = eldest.next();
            if (next.getKey().equals(key)) {
                continue;
            }
            bytes -= next.getValue().encoded().bytes();
            eldest.remove();
        }
    }

    /** Whether an {@code If-None-Match} list names {@code etag} (or {@code *}), weak comparison. */
    static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** A strong validator of a layer's JSON, quoted as the header carries it: 80 bits of its SHA-256. */
    static String etagOf(byte[] json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return '"' + HexFormat.of().formatHex(digest, 0, 10) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
