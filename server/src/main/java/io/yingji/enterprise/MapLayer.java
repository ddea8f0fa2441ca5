package io.yingji.enterprise;

/**
 * The enterprises of the one map (一张图) by column: point {@code i} is {@code id[i]}, {@code name[i]}, …
 * One array per field instead of an object per point: a district's thousands of points are sent without
 * repeating every field name, and the web app reads each column once. Coordinates are rounded to 1e-6°
 * (about 0.1 m).
 */
public record MapLayer(int count, long[] id, String[] name, String[] industry, double[] longitude, double[] latitude,
                       String[] regionCode, boolean[] majorHazard) {

    /** A coordinate rounded to 1e-6° for the wire: shorter numbers, no precision a map can show lost. */
    public static double coordinate(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
