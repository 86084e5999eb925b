package io.screamguard.server.http;

/**
 * Every error the API returns.
 *
 * @param error  machine-readable code, e.g. "payload_too_large"
 * @param detail a sentence for people
 */
public record ErrorBody(String error, String detail) {
}
