package io.yingji.enterprise;

import io.yingji.shared.Industry;

/** An enterprise as a point on the one map (一张图): just enough to draw, colour and open it. */
public record MapPoint(long id, String name, Industry industry, double longitude, double latitude, String regionCode,
                       boolean majorHazard) {
}
