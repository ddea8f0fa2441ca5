package io.yingji.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LayerCacheTests {

    private final AtomicInteger loads = new AtomicInteger();

    private Map<String, Object> layer(String name, int size) {
        loads.incrementAndGet();
        return Map.of("name", name, "padding", "x".repeat(size));
    }

    @Test
    void servesTheSameVersionFromTheCacheAndReloadsANewOne() {
        LayerCache cache = new LayerCache(1 << 20);
        var key = new LayerCache.Key("test", "scope-a", "filter");
        byte[] first = cache.answer(key, 1, () -> layer("一", 10), null, null).getBody();
        byte[] second = cache.answer(key, 1, () -> layer("二", 10), null, null).getBody();
        assertThat(second).isEqualTo(first);
        assertThat(loads).hasValue(1);
        assertThat(new String(cache.answer(key, 2, () -> layer("二", 10), null, null).getBody(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("二");
        assertThat(loads).hasValue(2);
        // an answer of an older version (a slow request) does not replace the newer layer
        cache.answer(key, 1, () -> layer("旧", 10), null, null);
        assertThat(new String(cache.answer(key, 2, () -> layer("三", 10), null, null).getBody(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("二");
    }

    @Test
    void scopesAreKeptApartAndTheLeastRecentlyUsedIsEvictedBeyondTheLimit() {
        LayerCache cache = new LayerCache(7_000);
        var a = new LayerCache.Key("test", "scope-a", "filter");
        var b = new LayerCache.Key("test", "scope-b", "filter");
        var c = new LayerCache.Key("test", "scope-c", "filter");
        cache.answer(a, 1, () -> layer("a", 3000), null, null);
        cache.answer(b, 1, () -> layer("b", 3000), null, null);
        assertThat(new String(cache.answer(b, 1, () -> layer("x", 10), null, null).getBody(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("\"b\"");
        cache.answer(c, 1, () -> layer("c", 3000), null, null); // a is the least recently used: gone
        assertThat(cache.size()).isEqualTo(2);
        int before = loads.get();
        cache.answer(b, 1, () -> layer("b", 3000), null, null);
        assertThat(loads).hasValue(before);
        cache.answer(a, 1, () -> layer("a", 3000), null, null);
        assertThat(loads).hasValue(before + 1);
    }

    @Test
    void ifNoneMatchListsAreCompared() {
        assertThat(LayerCache.matches("\"x\", \"abc\"", "\"abc\"")).isTrue();
        assertThat(LayerCache.matches("W/\"abc\"", "\"abc\"")).isTrue();
        assertThat(LayerCache.matches("*", "\"abc\"")).isTrue();
        assertThat(LayerCache.matches("\"abd\"", "\"abc\"")).isFalse();
    }
}
