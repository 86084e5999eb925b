package io.screamguard.server.scoring;

/** Receives a live stream's results on the thread that feeds the scorer. */
public interface StreamListener {
    /** Called once per hop, in time order. */
    void onHop(HopScore hop);

    /** Called when an incident is detected (after debounce); may come before the incident ends. */
    void onIncident(IncidentSummary incident);
}
