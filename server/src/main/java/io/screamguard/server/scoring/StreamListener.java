package io.screamguard.server.scoring;

/** Receives a live stream's results on the thread that feeds the scorer. */
public interface StreamListener {
    /** Called once per hop, in time order. */
    void onHop(HopScore hop);

    /**
     * Called when the debounce confirms an incident (it is still going on).
     *
     * @param startSeconds      start of the incident's first window, stream seconds
     * @param detectedAtSeconds end of the window that confirmed it
     * @param peakProbability   highest probability so far
     */
    default void onIncidentStarted(double startSeconds, double detectedAtSeconds, double peakProbability) {
    }

    /** Called when an incident has ended (or the stream ended during one), with its final extent. */
    void onIncident(IncidentSummary incident);
}
