package io.screamguard.server.alert;

/**
 * A channel's provider (Twilio for SMS, SMTP for email). Implementations are thread-safe and
 * called only from the dispatcher thread and the contacts' test message, never from scoring threads.
 */
public interface Sender {
    /** The channel it sends on. */
    Channel channel();

    /** False when its credentials are missing: its recipients are recorded as skipped_not_configured. */
    boolean configured();

    /** What is missing, for messages ("set TWILIO_ACCOUNT_SID, ..."); empty when configured. */
    String missing();

    /**
     * Sends one message, waiting for the provider's answer (bounded by the provider's timeouts).
     *
     * @return the provider's message id (Twilio SID, the email's Message-ID)
     * @throws SendFailure with the provider's reason, saying whether a retry may help
     */
    String send(Outgoing message) throws SendFailure;

    /** A channel that is not configured: every send fails permanently. */
    static Sender notConfigured(Channel channel, String missing) {
        return new Sender() {
            @Override
            public Channel channel() {
                return channel;
            }

            @Override
            public boolean configured() {
                return false;
            }

            @Override
            public String missing() {
                return missing;
            }

            @Override
            public String send(Outgoing message) throws SendFailure {
                throw new SendFailure(channel.wireName() + " is not configured: " + missing, false, null);
            }
        };
    }
}
