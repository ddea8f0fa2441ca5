package io.yingji;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Yingji emergency-management platform (应急管理综合应用平台): one deployable, many modules. */
// callers are authenticated by the identity module (sessions and bearer tokens); Spring Boot's default
// in-memory user with its generated password would be an unused second way in, so it is never created
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class YingjiApplication {

    public static void main(String[] args) {
        SpringApplication.run(YingjiApplication.class, args);
    }
}
