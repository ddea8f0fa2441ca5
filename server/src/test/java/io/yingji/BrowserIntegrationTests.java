package io.yingji;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.EmbeddedPlatformTest;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs the browser tests (web/e2e, playwright-core driving Debian's Chromium) against this running
 * platform: real pages, real HTTP, the embedded default with the demo city. Screenshots land in
 * web/test-results/. Then the walk of every page for English codes (web/walks) on the same platform.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIntegrationTests extends EmbeddedPlatformTest {

    private static final Path WEB = Path.of(System.getProperty("user.dir")).resolveSibling("web");
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");

    @Test
    @Order(2)
    void usersSeeTheirRegionThroughTheWebApp() throws Exception {
        runNode("e2e/", Duration.ofMinutes(10));
        assertThat(Files.list(WEB.resolve("test-results")).filter(p -> p.toString().endsWith(".png")).count())
                .as("screenshots").isGreaterThanOrEqualTo(6);
    }

    /**
     * The walk of every page as every demo account on a Chinese screen (web/walks): no English code where a
     * Chinese name belongs. Its own test with its own limit, since it reads some two hundred pages; first, so that
     * it reads the demo city as a newcomer finds it, not the records the browser tests leave (their names carry
     * random Latin suffixes).
     */
    @Test
    @Order(1)
    void noEnglishCodeShowsOnAChineseScreen() throws Exception {
        runNode("walks/", Duration.ofMinutes(8));
    }

    /** Runs node's test runner on one folder of web/ against this platform and fails with node's own summary. */
    private void runNode(String folder, Duration limit) throws Exception {
        assertThat(new File(CHROMIUM).canExecute()).as("Chromium at " + CHROMIUM + " for the browser tests (apt-get install -y chromium)").isTrue();
        assertThat(WEB.resolve("node_modules/playwright-core")).as("npm ci in web/ (the Maven build runs it)").isDirectory();
        ProcessBuilder builder = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-reporter=spec", folder)
                .directory(WEB.toFile())
                .redirectErrorStream(true);
        builder.environment().put("BASE_URL", "http://localhost:" + port);
        builder.environment().put("CHROMIUM", CHROMIUM);
        Process node = builder.start();
        node.getOutputStream().close();
        // relay the report line by line (the test JVM's own stdout belongs to the test runner)
        // node's summary of the failed tests (name, file and line, error, what was awaited) is repeated in the
        // assertion message, which build summaries keep when they cut the log
        List<String> failures = new CopyOnWriteArrayList<>();
        boolean[] summary = {false};
        String tag = "[" + folder.replace("/", "") + "] ";
        Thread relay = new Thread(() -> new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))
                .lines().forEach(line -> {
                    System.out.println(tag + line);
                    String trimmed = line.strip();
                    if (trimmed.startsWith("✖ failing tests")) {
                        summary[0] = true;
                    } else if (summary[0] && !trimmed.isEmpty() && failures.size() < 60
                            && (!trimmed.startsWith("at ") || trimmed.contains(".test.mjs"))) {
                        failures.add(trimmed.length() > 300 ? trimmed.substring(0, 300) : trimmed);
                    }
                }));
        relay.start();
        boolean finished = node.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        relay.join(5_000);
        assertThat(finished).as("%s finished within %d minutes", folder, limit.toMinutes()).isTrue();
        assertThat(node.exitValue()).as("%s (see the output above):%n%s", folder, String.join(System.lineSeparator(), failures)).isZero();
    }
}
