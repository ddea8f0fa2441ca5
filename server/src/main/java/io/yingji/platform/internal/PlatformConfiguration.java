package io.yingji.platform.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    /**
     * All "now" in the platform comes from here, so tests can move time, and the demo city can write its
     * history as of days ago ({@link io.yingji.shared.AsOf}). Instants are UTC.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return io.yingji.shared.AsOf.over(Clock.systemUTC());
    }

    /** The JSON reader refuses duplicate keys, null list elements, control characters and infinite numbers. */
    @Bean
    JsonInput jsonInput() {
        return new JsonInput();
    }

    /**
     * Tomcat's error report replaced by {@link ContainerErrorReport} on the host, so what the container refuses
     * before the application sees it is a problem too. Applied last, after Spring Boot's own customizer has
     * added the plain ErrorReportValve, which this one takes the place of.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerErrorReport(ProblemWriter problems) {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(ContainerErrorReport.class.getName());
                host.getPipeline().addValve(new ContainerErrorReport(problems));
            }
        });
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** Chinese unless the client asks for English with Accept-Language. */
    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH));
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        return resolver;
    }

    @Bean
    OpenAPI yingjiOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Yingji 应急管理综合应用平台 API").version("0.1")
                        .description("Errors are RFC 9457 problem details; messages follow Accept-Language (zh-CN default, en)."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
