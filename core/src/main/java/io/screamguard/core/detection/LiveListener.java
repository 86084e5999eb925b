package io.screamguard.core.detection;

/**
 * Receives what a {@link LiveAnalyzer} decides, on the thread that calls
 * {@link LiveAnalyzer#push}: one {@link HopResult} per window, and the incident events of
 * {@link IncidentListener}. Implementations should be quick (e.g. queue a message for the socket).
 */
public interface LiveListener extends IncidentListener {

    /**
     * One window was decided.
     *
     * @param hop the window's time, probability, RMS and state
     */
    void onHop(HopResult hop);
}
