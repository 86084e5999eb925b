package io.screamguard.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SMS, email, link and retry settings. */
class MessagingConfigTest {
    @Test
    void by_default_no_channel_is_configured_and_retries_start_at_five_seconds() {
        ServerConfig.MessagingSettings m = ServerConfig.of(Map.of()).messaging();

        assertFalse(m.twilio().configured());
        assertFalse(m.smtp().configured());
        assertEquals("starttls", m.smtp().security());
        assertEquals(587, m.smtp().port());
        assertEquals(5.0, m.retrySeconds(), 1e-9);
        assertEquals(6, m.maxAttempts());
        assertEquals(300, m.escalateAfterSeconds());
    }

    @Test
    void a_twilio_account_without_its_token_or_a_sender_is_refused_naming_what_is_missing() {
        IllegalArgumentException noToken = assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of(
                Setting.TWILIO_ACCOUNT_SID, "AC123", Setting.TWILIO_FROM_NUMBER, "+15005550006")));
        IllegalArgumentException noSender = assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of(
                Setting.TWILIO_ACCOUNT_SID, "AC123", Setting.TWILIO_AUTH_TOKEN, "t")));

        assertTrue(noToken.getMessage().contains("TWILIO_AUTH_TOKEN"), noToken.getMessage());
        assertTrue(noSender.getMessage().contains("TWILIO_FROM_NUMBER"), noSender.getMessage());
        assertTrue(ServerConfig.of(Map.of(Setting.TWILIO_ACCOUNT_SID, "AC123", Setting.TWILIO_AUTH_TOKEN, "t",
                Setting.TWILIO_MESSAGING_SERVICE_SID, "MG1")).messaging().twilio().configured(), "a messaging service is a sender");
    }

    @Test
    void smtp_needs_a_sender_and_a_known_security_mode() {
        IllegalArgumentException security = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.of(Map.of(Setting.SMTP_SECURITY, "tls")));
        IllegalArgumentException from = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.of(Map.of(Setting.SMTP_HOST, "smtp.example.org")));

        assertTrue(security.getMessage().contains("starttls, ssl or none"), security.getMessage());
        assertTrue(from.getMessage().contains("MAIL_FROM"), from.getMessage());
        ServerConfig.SmtpSettings gmail = ServerConfig.of(Map.of(Setting.SMTP_HOST, "smtp.gmail.com",
                Setting.SMTP_USERNAME, "me@gmail.com", Setting.SMTP_PASSWORD, "abcd efgh ijkl mnop")).messaging().smtp();
        assertEquals("me@gmail.com", gmail.from(), "MAIL_FROM defaults to the user name");
    }

    @Test
    void the_public_base_url_loses_a_trailing_slash_and_may_not_have_a_path() {
        assertEquals("https://alerts.example.org", ServerConfig.of(Map.of(Setting.PUBLIC_BASE_URL,
                "https://alerts.example.org/")).messaging().publicBaseUrl());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of(Setting.PUBLIC_BASE_URL,
                "https://example.org/screamguard")));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of(Setting.TWILIO_API_BASE_URL,
                "api.twilio.com")));
    }
}
