package io.yingji.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class MapLayerResponseTests {

    record Layer(int count, double[] longitude, String[] name) {
    }

    @Test
    void gzipOnlyWhenAskedForAndWorthIt() throws Exception {
        double[] longitudes = new double[2000];
        String[] names = new String[2000];
        for (int i = 0; i < longitudes.length; i++) {
            longitudes[i] = 120.123456 + i / 1e6;
            names[i] = "杭州运河精细化工有限公司" + i;
        }
        Layer layer = new Layer(2000, longitudes, names);
        var plain = MapLayerResponse.of(layer, null);
        assertThat(plain.getHeaders().getFirst("Content-Encoding")).isNull();
        assertThat(plain.getHeaders().getFirst("Vary")).isEqualTo("Accept-Encoding");
        var gzipped = MapLayerResponse.of(layer, "gzip, deflate, br");
        assertThat(gzipped.getHeaders().getFirst("Content-Encoding")).isEqualTo("gzip");
        byte[] unpacked;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped.getBody()))) {
            unpacked = in.readAllBytes();
        }
        assertThat(unpacked).isEqualTo(plain.getBody());
        assertThat(new String(unpacked, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"count\":2000,\"longitude\":[120.123456,120.123457,");
        assertThat(MapLayerResponse.of(new Layer(1, new double[] {120.1}, new String[] {"甲"}), "gzip").getHeaders()
                .getFirst("Content-Encoding")).as("small answers stay plain").isNull();
    }

    @Test
    void readsAcceptEncoding() {
        assertThat(MapLayerResponse.acceptsGzip("gzip")).isTrue();
        assertThat(MapLayerResponse.acceptsGzip("br;q=1.0, gzip;q=0.8")).isTrue();
        assertThat(MapLayerResponse.acceptsGzip("*")).isTrue();
        assertThat(MapLayerResponse.acceptsGzip("identity")).isFalse();
        assertThat(MapLayerResponse.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(MapLayerResponse.acceptsGzip("gzip; q=0.000")).isFalse();
        assertThat(MapLayerResponse.acceptsGzip("")).isFalse();
    }
}
