package io.screamguard.server.listen;

/**
 * What the server knows about a stream's client when it connects.
 *
 * @param sessionId      the WebSocket session id, used as the live session id
 * @param ipAddress      client address
 * @param userAgent      User-Agent header, may be null
 * @param acceptLanguage Accept-Language header, may be null
 * @param userId         the signed-in account that opened the stream (its session cookie at the upgrade)
 * @param userEmail      that account's email (how alert messages name the person), may be null
 */
public record ClientInfo(String sessionId, String ipAddress, String userAgent, String acceptLanguage, String userId,
                         String userEmail) {
    /** Without the account's email. */
    public ClientInfo(String sessionId, String ipAddress, String userAgent, String acceptLanguage, String userId) {
        this(sessionId, ipAddress, userAgent, acceptLanguage, userId, null);
    }
}
