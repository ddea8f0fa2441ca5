package io.yingji.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled     load the demo city into an empty database on start
 * @param enterprises how many generated enterprises it gets (besides the named ones)
 */
@ConfigurationProperties("yingji.demo")
public record DemoSettings(boolean enabled, int enterprises) {

    public DemoSettings {
        enterprises = enterprises <= 0 ? 4000 : enterprises;
    }

    /** The password of every demo account. */
    public static final String PASSWORD = "Yingji@2026";
}
