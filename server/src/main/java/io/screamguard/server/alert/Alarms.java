package io.screamguard.server.alert;

import java.util.List;

/** What a live stream tells the alerting. Implementations never block the caller (a scoring thread). */
public interface Alarms {
    /**
     * Opens the server-side cancel countdown of a confirmed incident.
     *
     * @return the countdown in seconds (0 = the alert is being raised now)
     */
    int incidentConfirmed(LiveIncident incident);

    /**
     * The person cancelled on the stream: stops every running countdown of that stream (with the
     * PIN when the person set one; the duress PIN looks the same but sends the alert).
     *
     * @param pin the PIN sent with the cancel, or null
     * @return the incidents whose countdown stopped (or seemed to)
     */
    List<String> cancelStream(String ownerId, String streamId, String pin);

    /**
     * Raises the alert of an incident without a countdown (an upload sent with {@code alert=true}).
     * Returns at once; the work runs on the alerting's own thread.
     */
    void raiseAtOnce(LiveIncident incident);

    /**
     * A new browser position on the person's stream: the incident pages of their open alert follow
     * it. Returns at once (the write runs on the alerting's thread, at most every few seconds).
     */
    default void positionUpdate(String ownerId, io.screamguard.server.location.Location location) {
    }

    /**
     * The probability trace around a confirmed live incident (hops from 30 s before the
     * confirmation to 10 s after, or to the end of the stream), for its incident page. Returns at
     * once (the write runs on the alerting's thread).
     */
    default void incidentTrace(String ownerId, String incidentId, List<TracePoint> points) {
    }

    /**
     * The audio around a confirmed live incident (16 kHz mono 16-bit WAV, from 10 s before it to
     * 10 s after it, or to the end of the stream), kept for its owner. Returns at once (the write
     * runs on the alerting's thread); {@code done} runs once the clip is stored or given up, so the
     * caller can count its memory until then.
     */
    default void incidentClip(String ownerId, String incidentId, byte[] wav, Runnable done) {
        done.run();
    }

    /** No alerting (tests of the stream alone). */
    Alarms NONE = new Alarms() {
        @Override
        public int incidentConfirmed(LiveIncident incident) {
            return -1;
        }

        @Override
        public List<String> cancelStream(String ownerId, String streamId, String pin) {
            return List.of();
        }

        @Override
        public void raiseAtOnce(LiveIncident incident) {
        }
    };
}
