package io.yingji.support;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two ways the server fails that no correct request reaches: a controller that throws and a servlet
 * filter that throws, so tests can see what a caller gets from an unexpected error (a 500 problem,
 * never a stack trace or Spring's own error JSON). Part of the integration-test platform only.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FailureProbes {

    public static final String CONTROLLER_FAILURE = "/api/test-probes/controller-failure";
    public static final String FILTER_FAILURE = "/api/test-probes/filter-failure";

    /** Registered as a member of this configuration (nested components are). */
    @RestController
    static class FailingController {

        @GetMapping(CONTROLLER_FAILURE)
        String fail() {
            throw new IllegalStateException("probe: a bug in a controller");
        }
    }

    @Bean
    FilterRegistrationBean<Filter> failingFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            if (((HttpServletRequest) request).getRequestURI().equals(FILTER_FAILURE)) {
                throw new IllegalStateException("probe: a bug in a filter");
            }
            chain.doFilter(request, response);
        });
        registration.addUrlPatterns("/api/test-probes/*");
        return registration;
    }
}
