package io.screamguard.server.alert;

/**
 * One hop of the probability trace around an incident.
 *
 * @param seconds     end of the hop's window relative to the moment the incident was confirmed
 *                    (negative before it), in seconds
 * @param probability the window's scream probability, 0..1
 */
public record TracePoint(double seconds, double probability) {
    public TracePoint {
        if (!Double.isFinite(seconds)) {
            throw new IllegalArgumentException("trace seconds must be finite, got " + seconds);
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("trace probability must be in [0, 1], got " + probability);
        }
    }
}
