package io.yingji.platform.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** @param maxBodySize largest accepted non-multipart request body */
@ConfigurationProperties("yingji.web")
record WebSettings(DataSize maxBodySize) {

    WebSettings {
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
    }
}
