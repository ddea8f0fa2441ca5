package io.yingji.shared;

/** A WGS84 / CGCS2000 longitude-latitude pair in decimal degrees. */
public record GeoPoint(double longitude, double latitude) {
}
