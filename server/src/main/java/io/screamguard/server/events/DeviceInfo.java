package io.screamguard.server.events;

/**
 * The client that sent the audio.
 *
 * @param userAgent      the User-Agent header, may be null
 * @param ipAddress      the client address as seen by the server
 * @param acceptLanguage the Accept-Language header, may be null
 */
public record DeviceInfo(String userAgent, String ipAddress, String acceptLanguage) {
}
