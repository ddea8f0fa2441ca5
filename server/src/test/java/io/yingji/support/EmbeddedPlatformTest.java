package io.yingji.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The platform exactly as the README starts it — the embedded profile on an H2 file database with
 * the demo city and its stand-in SMS and broadcast gateways — but in a fresh temporary folder and on a
 * free port chosen up front (a defined port, so that the gateways' addresses, which name
 * {@code server.port}, point at this server). Subclasses share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("embedded")
public abstract class EmbeddedPlatformTest {

    private static final Path DATA = temporaryFolder();
    private static final int PORT = freePort();
    /** The embedded MQTT broker's port. */
    protected static final int MQTT_PORT = freePort();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void h2File(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("yingji")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        registry.add("yingji.demo.enterprises", () -> "1500");
        registry.add("yingji.storage.dir", () -> DATA.resolve("files").toString());
        registry.add("server.port", () -> String.valueOf(PORT));
        // any free management port: the default one may be taken by a platform running on this machine
        registry.add("management.server.port", () -> "0");
        // tests never reach the internet: no base map tiles (the browser tests serve their own)
        registry.add("yingji.map.provider", () -> "none");
        // the embedded MQTT broker on a free port: 1883 is the machine's Mosquitto (the other tests' broker)
        registry.add("yingji.mqtt.embedded-port", () -> String.valueOf(MQTT_PORT));
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("yingji-h2-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
