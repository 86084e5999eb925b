package io.screamguard.training.loadgen;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * What one load run does.
 *
 * @param url             WebSocket address of the stream endpoint, ws://HOST:PORT/api/stream; loopback only
 * @param streams         concurrent streams, &gt;= 1
 * @param durationSeconds length of the run from the first connection, &gt; 0
 * @param rampSeconds     streams connect evenly spread over this time, &gt;= 0 and &lt; duration
 * @param frameMillis     audio per binary message at real-time pace, 1 to 1000 ms
 * @param sampleRateHz    rate of the audio sent, 8000 to 96000
 * @param serverPid       process to sample for CPU and memory, or 0 for none
 * @param seed            seed of each stream's starting point in the audio
 */
record LoadPlan(URI url, int streams, double durationSeconds, double rampSeconds, int frameMillis,
                int sampleRateHz, long serverPid, long seed) {

    /** Validates every field and names the bad value. */
    LoadPlan {
        if (url == null || !("ws".equals(url.getScheme()) || "wss".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("url must be ws://HOST:PORT/api/stream, got " + url);
        }
        if (!isLoopback(url.getHost())) {
            throw new IllegalArgumentException("url must point at this machine (loopback: localhost, 127.0.0.1, [::1]); got host "
                    + url.getHost() + ". The load generator only measures a local server.");
        }
        if (streams < 1) {
            throw new IllegalArgumentException("streams must be >= 1, got " + streams);
        }
        if (!(durationSeconds > 0) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException("durationSeconds must be > 0, got " + durationSeconds);
        }
        if (!(rampSeconds >= 0) || rampSeconds >= durationSeconds) {
            throw new IllegalArgumentException("rampSeconds must be >= 0 and < duration (" + durationSeconds
                    + " s), got " + rampSeconds);
        }
        if (frameMillis < 1 || frameMillis > 1000) {
            throw new IllegalArgumentException("frameMillis must be in [1, 1000], got " + frameMillis);
        }
        if (sampleRateHz < 8000 || sampleRateHz > 96000) {
            throw new IllegalArgumentException("sampleRateHz must be in [8000, 96000], got " + sampleRateHz);
        }
        if (serverPid < 0) {
            throw new IllegalArgumentException("serverPid must be >= 0 (0 = none), got " + serverPid);
        }
    }

    /** @return samples per binary message */
    int frameSamples() {
        return Math.max(1, (int) Math.round(sampleRateHz * frameMillis / 1000.0));
    }

    /** @return frames one stream can send at most in the run */
    int maxFramesPerStream() {
        return (int) Math.ceil(durationSeconds * 1000.0 / frameMillis) + 2;
    }

    /** @return http://HOST:PORT/metrics for the same server */
    URI metricsUrl() {
        String scheme = "wss".equals(url.getScheme()) ? "https" : "http";
        return URI.create(scheme + "://" + url.getRawAuthority() + "/metrics");
    }

    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
