package io.screamguard.server.listen;

/** The JSON messages the server sends on a stream (field names are snake_case on the wire). */
final class StreamMessages {
    private StreamMessages() {
    }

    /**
     * Sent once after a valid hello.
     *
     * @param type          "ready"
     * @param sessionId     the live session id (also the event source)
     * @param modelVersion  model in use
     * @param threshold     scream threshold
     * @param hopS          seconds between hop messages (audio time)
     * @param windowS       seconds of audio per scored window
     * @param maxQueueS     audio that may wait before frames are dropped
     */
    record Ready(String type, String sessionId, String modelVersion, double threshold, double hopS, double windowS,
                 double maxQueueS) {
    }

    /**
     * One per hop.
     *
     * @param type           "hop"
     * @param t              end of the window, seconds of scored stream audio
     * @param probability    scream probability
     * @param rms            window RMS
     * @param state          detector state
     * @param droppedWindows windows dropped so far by overload
     * @param threshold      the scream threshold in force for this hop (an admin may change it while
     *                       the stream runs; the page draws its threshold line from it)
     */
    record Hop(String type, double t, double probability, double rms, String state, long droppedWindows,
               double threshold) {
    }

    /**
     * Sent when the debounce confirms an incident (it is still going on).
     *
     * @param type        "incident"
     * @param phase       "started"
     * @param startS      start, stream seconds
     * @param detectedAtS end of the window that confirmed it
     * @param peak        peak probability so far
     */
    record IncidentStarted(String type, String phase, double startS, double detectedAtS, double peak) {
    }

    /**
     * Sent when an incident ends, with its final extent and the id of its logged event.
     *
     * @param type     "incident"
     * @param phase    "ended"
     * @param startS   start, stream seconds
     * @param endS     end, stream seconds
     * @param peak     peak probability
     * @param windows  windows in the incident
     * @param eventId  id of the logged event
     */
    record Incident(String type, String phase, double startS, double endS, double peak, int windows, String eventId) {
    }

    /**
     * Sent when an incident is confirmed and its alert countdown starts on the server.
     *
     * @param type       "countdown"
     * @param incidentId the incident's event id (cancel it with {"type":"cancel"} or POST /api/incidents/{id}/cancel)
     * @param seconds    seconds until the alert is sent (0 = now)
     */
    record Countdown(String type, String incidentId, int seconds) {
    }
}
