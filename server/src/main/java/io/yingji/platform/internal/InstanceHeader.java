package io.yingji.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the instance that answered in every response ({@value #HEADER}), so that behind a load balancer
 * an operator (and the scale-out test) can tell the instances apart. The default is a random id chosen
 * at start, which tells nothing about the host; {@code yingji.instance-id} sets a readable one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class InstanceHeader extends OncePerRequestFilter {

    static final String HEADER = "X-Yingji-Instance";

    private final String instanceId;

    InstanceHeader(@Value("${yingji.instance-id:}") String configured) {
        this.instanceId = configured.isBlank() ? randomId() : configured.trim();
    }

    private static String randomId() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, instanceId);
        chain.doFilter(request, response);
    }
}
