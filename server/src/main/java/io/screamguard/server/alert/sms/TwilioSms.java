package io.screamguard.server.alert.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.screamguard.server.alert.Channel;
import io.screamguard.server.alert.Outgoing;
import io.screamguard.server.alert.SendFailure;
import io.screamguard.server.alert.Sender;
import io.screamguard.server.config.ServerConfig;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends SMS with the Twilio SDK. Twilio's HTTP 429 and 5xx and connection errors are transient;
 * any other 4xx (an invalid or unreachable number, an unverified trial recipient, ...) is
 * permanent and fails with Twilio's message and error code. Every message carries the status
 * callback URL so delivery reports come back. Thread-safe (the SDK's client is).
 */
public final class TwilioSms implements Sender {
    /** Connect and response timeout of one request to Twilio. */
    static final int TIMEOUT_SECONDS = 10;

    private final ServerConfig.TwilioSettings settings;
    private final TwilioRestClient client;
    private final URI statusCallback;

    /**
     * @param settings       credentials, sender and optional API base URL
     * @param statusCallback the public URL of {@code POST /api/alerts/twilio/status}
     */
    public TwilioSms(ServerConfig.TwilioSettings settings, URI statusCallback) {
        this.settings = settings;
        this.statusCallback = statusCallback;
        this.client = settings.configured() ? client(settings) : null;
    }

    static TwilioRestClient client(ServerConfig.TwilioSettings s) {
        // no retries inside the HTTP client (its default repeats a 503): the outbox retries, and counts attempts
        HttpClientBuilder http = HttpClientBuilder.create().disableAutomaticRetries().setDefaultRequestConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .setResponseTimeout(Timeout.of(TIMEOUT_SECONDS, TimeUnit.SECONDS)).build());
        if (!s.apiBaseUrl().isEmpty()) {
            URI base = URI.create(s.apiBaseUrl());
            int port = base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
            HttpHost target = new HttpHost(base.getScheme(), base.getHost(), port);
            http.setRoutePlanner((host, context) -> new HttpRoute(target, null, "https".equals(base.getScheme())));
        }
        // nor inside the SDK (HttpClient.reliableRequest repeats 5xx answers three times)
        NetworkHttpClient once = new NetworkHttpClient(http) {
            @Override
            protected boolean shouldRetry(Response response, int[] retryCodes) {
                return false;
            }
        };
        return new TwilioRestClient.Builder(s.accountSid(), s.authToken()).httpClient(once).build();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean configured() {
        return client != null;
    }

    @Override
    public String missing() {
        return configured() ? "" : "set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER"
                + " (or TWILIO_MESSAGING_SERVICE_SID)";
    }

    @Override
    public String send(Outgoing message) throws SendFailure {
        if (client == null) {
            throw new SendFailure("SMS is not configured: " + missing(), false, null);
        }
        PhoneNumber to = new PhoneNumber(message.to());
        MessageCreator creator = settings.messagingServiceSid().isEmpty()
                ? Message.creator(to, new PhoneNumber(settings.fromNumber()), message.text())
                : Message.creator(to, settings.messagingServiceSid(), message.text());
        if (statusCallback != null) {
            creator.setStatusCallback(statusCallback);
        }
        try {
            return creator.create(client).getSid();
        } catch (ApiConnectionException e) {
            throw new SendFailure("Twilio did not answer: " + e.getMessage(), true, e);
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            boolean retryable = status == null || status == 429 || status >= 500;
            throw new SendFailure("Twilio refused the message (HTTP " + status + ", error " + e.getCode() + "): "
                    + e.getMessage(), retryable, e);
        } catch (RuntimeException e) { // the SDK's other exceptions (e.g. an unreadable answer)
            throw new SendFailure("Twilio request failed: " + e, true, e);
        }
    }
}
