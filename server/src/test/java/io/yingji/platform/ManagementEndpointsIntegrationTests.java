package io.yingji.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Metrics and the other management endpoints are on their own port, bound to loopback, never on the
 * port the public reaches; health for load balancers stays on the main port. No default user exists.
 */
class ManagementEndpointsIntegrationTests extends ApiTest {

    @LocalManagementPort
    int managementPort;

    @Autowired
    ApplicationContext context;

    @Test
    void prometheusMetricsAreNotServedOnTheMainPort() {
        Response answer = api.send(HttpMethod.GET, "/actuator/prometheus", null, null, Map.of());
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.headers().getContentType()).isNotNull()
                .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON), "a problem");
        assertThat(api.send(HttpMethod.GET, "/actuator/prometheus", api.token("admin"), null, Map.of()).status())
                .as("not even to an administrator").isEqualTo(404);
        assertThat(api.send(HttpMethod.GET, "/actuator/env", api.token("admin"), null, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void prometheusMetricsAreServedOnTheManagementPort() {
        assertThat(managementPort).isNotEqualTo(port);
        Response answer = new Api(managementPort).send(HttpMethod.GET, "/actuator/prometheus", null, null, Map.of());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().asString()).contains("# TYPE jvm_memory_used_bytes gauge");
    }

    @Test
    void theManagementPortListensOnLoopbackOnly() throws IOException {
        Optional<InetAddress> outside = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        assumeThat(outside).as("a network address other than loopback").isPresent();
        try (Socket main = new Socket()) {
            main.connect(new InetSocketAddress(outside.get(), port), 2000);
        }
        assertThatThrownBy(() -> {
            try (Socket management = new Socket()) {
                management.connect(new InetSocketAddress(outside.get(), managementPort), 2000);
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void healthForLoadBalancersIsPublicOnTheMainPort() {
        for (String path : new String[] {"/livez", "/readyz"}) {
            Response answer = api.send(HttpMethod.GET, path, null, null, Map.of());
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.body().path("status").asString()).as(path).isEqualTo("UP");
        }
    }

    /** Spring Boot's generated default user ("Using generated security password") would be a second way in. */
    @Test
    void noDefaultUserIsConfigured() {
        assertThat(context.getBeanProvider(UserDetailsService.class).stream()).isEmpty();
    }
}
