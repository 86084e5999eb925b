package io.screamguard.core.detection;

/**
 * Receives incident events from a {@link ScreamDetector} as they happen in audio time. Called on
 * the thread that feeds the detector.
 */
public interface IncidentListener {

    /** A listener that ignores every event. */
    IncidentListener NONE = new IncidentListener() { };

    /**
     * An incident opened: k of the last n windows were hot.
     *
     * @param startSeconds       audio time where the incident's first hot window starts
     * @param detectedAtSeconds  audio time of the end of the window that completed k of n
     * @param peakProbability    highest probability among the hot windows so far
     */
    default void incidentStarted(double startSeconds, double detectedAtSeconds, double peakProbability) {
    }

    /**
     * An incident closed (n windows without a hot one, or the end of the audio).
     *
     * @param incident the complete incident
     */
    default void incidentEnded(Incident incident) {
    }
}
