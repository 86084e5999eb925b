package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.config.Setting;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.WsClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without credentials the server runs, and every recipient says which channel is missing. */
class AlertWithoutChannelsTest {

    @Test
    void without_credentials_the_alert_records_every_recipient_as_skipped_not_configured(@TempDir Path dir) throws Exception {
        try (AppHarness app = AppHarness.start(dir, Map.of(Setting.STREAM_QUEUE_SECONDS, "30",
                Setting.COUNTDOWN_SECONDS, "0"))) {
            AlertFlowTest.Person p = AlertFlowTest.person(app);
            WsClient ws = AlertFlowTest.scream(p);
            String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();
            assertEquals(0, ws.ofType("countdown").get(0).get("seconds").asInt());

            JsonNode alert = AlertFlowTest.alertOf(p.client(), incidentId, "not_configured");

            JsonNode sms = AlertFlowTest.recipient(alert, "sms");
            JsonNode email = AlertFlowTest.recipient(alert, "email");
            assertEquals("skipped_not_configured", sms.get("status").asText());
            assertTrue(sms.get("error").asText().contains("TWILIO_ACCOUNT_SID"), sms.toString());
            assertEquals("skipped_not_configured", email.get("status").asText());
            assertTrue(email.get("error").asText().contains("SMTP_HOST"), email.toString());
            JsonNode channels = AppHarness.json(p.client().get("/api/alerts/channels"));
            assertFalse(channels.get("sms").get("configured").asBoolean());
            assertTrue(channels.get("sms").get("missing").asText().contains("TWILIO_AUTH_TOKEN"));
            ws.close();
        }
    }
}
