package io.yingji.shared;

/** An axis-aligned longitude/latitude box, the coarse extent of a region. */
public record BoundingBox(double minLongitude, double minLatitude, double maxLongitude, double maxLatitude) {

    /** Mainland China, Hainan and Taiwan with a little margin: the last resort for "inside China". */
    public static final BoundingBox CHINA = new BoundingBox(73.4, 3.3, 135.1, 53.6);

    /** Whether the point lies in the box; a point that is no place on Earth (NaN, infinite) lies in none. */
    public boolean contains(GeoPoint point) {
        return point.isValid() && point.longitude() >= minLongitude && point.longitude() <= maxLongitude
                && point.latitude() >= minLatitude && point.latitude() <= maxLatitude;
    }
}
