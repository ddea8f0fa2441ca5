package io.yingji.platform.internal;

import io.yingji.identity.Authenticator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Two ways in: the web app's session cookie (CSRF-protected with the XSRF-TOKEN cookie/header pair)
 * and API clients' bearer tokens (no cookies, so no CSRF). Everything under /api needs a caller
 * except login; what a caller may see is then decided by the data scope, not here.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, Authenticator authenticator, ProblemWriter problems,
                                            RequestSizeLimit requestSizeLimit) throws Exception {
        http
                .csrf(csrf -> csrf.spa()
                        .ignoringRequestMatchers(BearerTokenFilter::hasBearer)
                        .ignoringRequestMatchers("/api/auth/login", "/public/**")
                        // devices and gateways authenticate with their own key, never with a browser session
                        .ignoringRequestMatchers(SecurityConfiguration::isTelemetryPost)
                        // the embedded demo's stand-in gateways are called by the platform itself, with their own credential
                        .ignoringRequestMatchers("/demo/gateway/**"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/auth/login", "/public/**", "/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
                        .permitAll()
                        .requestMatchers(SecurityConfiguration::isTelemetryPost).permitAll()
                        .requestMatchers("/api/**", "/actuator/**").authenticated()
                        .anyRequest().permitAll())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) ->
                                problems.write(request, response, 401, "problem.unauthenticated"))
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(request, response, 403,
                                        e instanceof CsrfException ? "problem.csrf" : "problem.forbidden")))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                // no session for a refused anonymous request: sessions are database rows, and the SPA needs no saved request
                .requestCache(cache -> cache.disable())
                .addFilterBefore(requestSizeLimit, SecurityContextHolderFilter.class)
                .addFilterAfter(new BearerTokenFilter(authenticator, problems), SecurityContextHolderFilter.class);
        return http.build();
    }

    /** POST /api/telemetry: readings from devices and gateways, checked against their keys by the telemetry endpoint. */
    static boolean isTelemetryPost(jakarta.servlet.http.HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/api/telemetry".equals(request.getServletPath());
    }
}
