package io.yingji.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the web app's index.html for its own routes (/enterprises/12, /map), so a bookmarked or
 * reloaded page opens where it was. API, actuator, health probes, documentation and files with an extension pass.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class SinglePageAppFallback extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !"GET".equals(request.getMethod())
                || path.equals("/") || path.startsWith("/api/") || path.startsWith("/actuator")
                || path.startsWith("/public/") || path.startsWith("/v3/") || path.startsWith("/swagger-ui") || path.startsWith("/assets/")
                || path.startsWith("/error") || path.equals("/livez") || path.equals("/readyz") || last.contains(".");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.getRequestDispatcher("/index.html").forward(request, response);
    }
}
