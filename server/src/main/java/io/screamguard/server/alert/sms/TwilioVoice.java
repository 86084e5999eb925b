package io.screamguard.server.alert.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import io.screamguard.server.alert.Channel;
import io.screamguard.server.alert.Outgoing;
import io.screamguard.server.alert.SendFailure;
import io.screamguard.server.alert.Sender;
import io.screamguard.server.config.ServerConfig;
import java.net.URI;

/**
 * Places voice calls with the Twilio SDK: the message's text is the call's TwiML (the alert read
 * twice, see {@code MessageText.voiceTwiml}). Needs TWILIO_FROM_NUMBER (a messaging service cannot
 * call). Failures are classified as for SMS; the call's outcome (completed, busy, no-answer,
 * failed) comes back on the status callback. Thread-safe.
 */
public final class TwilioVoice implements Sender {
    private final ServerConfig.TwilioSettings settings;
    private final TwilioRestClient client;
    private final URI statusCallback;

    /**
     * @param settings       credentials, the calling number and optional API base URL
     * @param statusCallback the public URL of {@code POST /api/alerts/twilio/status}
     */
    public TwilioVoice(ServerConfig.TwilioSettings settings, URI statusCallback) {
        this.settings = settings;
        this.statusCallback = statusCallback;
        this.client = settings.configured() && !settings.fromNumber().isEmpty() ? TwilioSms.client(settings) : null;
    }

    @Override
    public Channel channel() {
        return Channel.VOICE;
    }

    @Override
    public boolean configured() {
        return client != null;
    }

    @Override
    public String missing() {
        return configured() ? "" : "set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER (a voice-capable"
                + " number; a messaging service cannot call)";
    }

    @Override
    public String send(Outgoing message) throws SendFailure {
        if (client == null) {
            throw new SendFailure("voice is not configured: " + missing(), false, null);
        }
        try {
            return Call.creator(new PhoneNumber(message.to()), new PhoneNumber(settings.fromNumber()), new Twiml(message.text()))
                    .setStatusCallback(statusCallback).create(client).getSid();
        } catch (ApiConnectionException e) {
            throw new SendFailure("Twilio did not answer: " + e.getMessage(), true, e);
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            throw new SendFailure("Twilio refused the call (HTTP " + status + ", error " + e.getCode() + "): "
                    + e.getMessage(), status == null || status == 429 || status >= 500, e);
        } catch (RuntimeException e) {
            throw new SendFailure("Twilio request failed: " + e, true, e);
        }
    }
}
