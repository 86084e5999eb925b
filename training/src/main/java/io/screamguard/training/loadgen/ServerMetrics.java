package io.screamguard.training.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the server's Prometheus text at /metrics, if it has one. */
final class ServerMetrics {

    private ServerMetrics() {
    }

    /**
     * Sum of every sample whose metric name contains "dropped" (case-insensitive).
     *
     * @param client     HTTP client
     * @param metricsUrl http://HOST:PORT/metrics
     * @return the sum, or NaN when the page is absent or has no such metric
     */
    static double droppedTotal(HttpClient client, URI metricsUrl) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(metricsUrl).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Double.NaN;
            }
            return sumOfDropped(response.body());
        } catch (java.io.IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /**
     * The server's /metrics text, or null when it cannot be read.
     *
     * @param client     HTTP client
     * @param metricsUrl http://HOST:PORT/metrics
     */
    static String scrape(HttpClient client, URI metricsUrl) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(metricsUrl).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Sums (or takes the largest of) the samples of one metric over all its label sets.
     *
     * @param prometheusText exposition format text, null when unavailable
     * @param name           exact metric name, e.g. jvm_gc_pause_seconds_count
     * @param max            true for the largest sample instead of the sum
     * @return the value, NaN when the text is null or has no sample of that name
     */
    static double value(String prometheusText, String name, boolean max) {
        if (prometheusText == null) {
            return Double.NaN;
        }
        double result = max ? Double.NEGATIVE_INFINITY : 0;
        boolean found = false;
        for (String line : prometheusText.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith(name) || trimmed.length() == name.length()) {
                continue;
            }
            char next = trimmed.charAt(name.length());
            if (next != '{' && next != ' ') {
                continue;
            }
            int valueStart = next == '{' ? trimmed.indexOf('}') + 1 : name.length();
            String[] rest = trimmed.substring(valueStart).trim().split(" +");
            try {
                double v = Double.parseDouble(rest[0]);
                result = max ? Math.max(result, v) : result + v;
                found = true;
            } catch (NumberFormatException ignored) {
                // not a sample line
            }
        }
        return found ? result : Double.NaN;
    }

    /**
     * Sums the samples of Prometheus text whose metric name contains "dropped"; comments skipped.
     *
     * @param prometheusText exposition format text
     * @return the sum, NaN when no such sample exists
     */
    static double sumOfDropped(String prometheusText) {
        double sum = 0;
        boolean found = false;
        for (String line : prometheusText.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int nameEnd = 0;
            while (nameEnd < trimmed.length() && trimmed.charAt(nameEnd) != '{' && trimmed.charAt(nameEnd) != ' ') {
                nameEnd++;
            }
            String name = trimmed.substring(0, nameEnd);
            if (!name.toLowerCase(java.util.Locale.ROOT).contains("dropped") || name.endsWith("_created")) {
                continue;
            }
            int valueStart = trimmed.indexOf('}') >= 0 ? trimmed.indexOf('}') + 1 : nameEnd;
            String[] rest = trimmed.substring(valueStart).trim().split(" +");
            try {
                sum += Double.parseDouble(rest[0]);
                found = true;
            } catch (NumberFormatException ignored) {
                // not a sample line
            }
        }
        return found ? sum : Double.NaN;
    }
}
