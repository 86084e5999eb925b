package io.screamguard.server.alert.sms;

import com.twilio.security.RequestValidator;
import io.screamguard.server.alert.DeliveryStatus;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio's message status callbacks: the signature check and the mapping of {@code MessageStatus}.
 * Thread-safe.
 */
public final class TwilioCallbacks {
    private final RequestValidator validator;

    /** @param authToken the account's auth token (empty: every callback is refused) */
    public TwilioCallbacks(String authToken) {
        this.validator = authToken.isEmpty() ? null : new RequestValidator(authToken);
    }

    /**
     * True when {@code X-Twilio-Signature} signs this URL and these form parameters with the auth token.
     *
     * @param url       the full public URL Twilio called (PUBLIC_BASE_URL + path)
     * @param params    the form parameters
     * @param signature the header, may be null
     */
    public boolean verified(String url, Map<String, String> params, String signature) {
        return validator != null && signature != null && validator.validate(url, params, signature);
    }

    /**
     * The delivery status a {@code MessageStatus} (SMS) or {@code CallStatus} (voice) reports:
     * delivered (a call: completed, someone answered), undelivered (busy, no answer, cancelled) or
     * failed; empty for the intermediate ones (queued, sending, sent, ringing, in-progress, ...).
     */
    public static Optional<DeliveryStatus> status(String messageStatus) {
        return switch (messageStatus == null ? "" : messageStatus) {
            case "delivered", "read", "completed" -> Optional.of(DeliveryStatus.DELIVERED);
            case "undelivered", "busy", "no-answer", "canceled" -> Optional.of(DeliveryStatus.UNDELIVERED);
            case "failed" -> Optional.of(DeliveryStatus.FAILED);
            default -> Optional.empty();
        };
    }
}
