package io.yingji.resource;

import io.yingji.shared.GeoPoint;

/**
 * How far and how long from one place to another for a kind of resource. Offline there is no routing engine, so the
 * platform's estimator is the straight line times a detour factor at a speed per kind; a real routing service can take
 * its place behind this interface.
 */
public interface ArrivalEstimator {

    /** What kind of help travels: teams and supply trucks drive, people walk to a shelter. */
    enum Mode { TEAM, SUPPLIES, SHELTER, EXPERT, VEHICLE }

    /**
     * @param straightMetres the great-circle distance
     * @param roadMetres     the estimated road distance
     * @param minutes        the estimated travel time, whole minutes, at least 1
     * @param method         how it was estimated, in Chinese and English, for the answer to say
     */
    record Estimate(long straightMetres, long roadMetres, long minutes, String method, String methodEn) {
    }

    Estimate estimate(GeoPoint from, GeoPoint to, Mode mode);
}
