package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screamguard.server.config.Setting;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.FakeTwilio;
import io.screamguard.server.support.TwoServers;
import io.screamguard.server.support.WsClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one database, each running its alert dispatcher: outbox leases keep a message
 * with one sender, a crashed sender's lease is taken over, and settings saved on one instance
 * reach the streams of the other.
 */
class ClusterAlertTest {

    static Map<Setting, String> smsOnly(FakeTwilio twilio, String retrySeconds, String leaseSeconds) {
        Map<Setting, String> s = AlertRestartTest.smsOnly(0, twilio, retrySeconds);
        s.remove(Setting.PORT);
        s.remove(Setting.PUBLIC_BASE_URL);
        s.put(Setting.OUTBOX_LEASE_SECONDS, leaseSeconds);
        return s;
    }

    /** The person's scream on a stream of the given instance; returns the stream once its countdown came. */
    static WsClient screamOn(AppHarness instance, AlertFlowTest.Person p) throws Exception {
        return AlertFlowTest.scream(new AlertFlowTest.Person(p.client().via("http://127.0.0.1:" + instance.app.port(), null),
                p.phone(), p.email(), p.contactId()));
    }

    @Test
    void a_second_instance_starting_does_not_resend_a_message_the_first_is_still_sending(@TempDir Path dir)
            throws Exception {
        try (FakeTwilio twilio = new FakeTwilio()) {
            Map<Setting, String> settings = smsOnly(twilio, "0.2", "1");
            int storePort = TwoServers.freePort();
            settings.put(Setting.EMBEDDED_MONGODB_PORT, Integer.toString(storePort));
            try (AppHarness first = AppHarness.start(dir.resolve("instance-1"), settings)) {
                first.owner.putJson("/api/admin/settings", "{\"countdown_seconds\":0}");
                AlertFlowTest.Person p = AlertFlowTest.person(first);
                twilio.hold(); // the first instance's send hangs in the provider's API
                AlertFlowTest.scream(p);
                AlertFlowTest.await(() -> twilio.requests.get() == 1, "the first instance's send");

                settings.remove(Setting.EMBEDDED_MONGODB_PORT);
                try (AppHarness second = TwoServers.startSecond(dir, settings, storePort)) {
                    Thread.sleep(3_500); // more than three leases of 1 s: only renewal keeps the job with the first
                    int duringTheSend = twilio.requests.get();
                    twilio.release();
                    AlertFlowTest.await(() -> !AlertFlowTest.smsTo(twilio, p.phone()).isEmpty(), "the SMS");
                    Thread.sleep(1_000);

                    assertEquals(1, duringTheSend, "the second instance left the message to its sender");
                    assertEquals(1, AlertFlowTest.smsTo(twilio, p.phone()).size(), "sent once");
                    assertEquals(1, twilio.requests.get());
                }
            }
        }
    }

    @Test
    void each_incident_gives_one_sms_per_recipient_while_both_instances_dispatch(@TempDir Path dir) throws Exception {
        try (FakeTwilio twilio = new FakeTwilio(); TwoServers servers = TwoServers.start(dir, smsOnly(twilio, "0.2", "5"))) {
            servers.first.owner.putJson("/api/admin/settings", "{\"countdown_seconds\":0}");
            AlertFlowTest.await(() -> servers.second.app.settings().current().countdownSeconds() == 0, "the setting on both");
            List<AlertFlowTest.Person> people = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                AlertFlowTest.Person p = AlertFlowTest.person(servers.first);
                people.add(p);
                screamOn(i % 2 == 0 ? servers.first : servers.second, p);
            }
            AlertFlowTest.await(() -> people.stream().allMatch(p -> AlertFlowTest.smsTo(twilio, p.phone()).size() == 1),
                    "an SMS to every contact");
            Thread.sleep(1_500);

            for (AlertFlowTest.Person p : people) {
                assertEquals(1, AlertFlowTest.smsTo(twilio, p.phone()).size(), "one SMS to " + p.phone());
            }
            assertEquals(3, twilio.requests.get(), "no send was attempted twice");
        }
    }

    @Test
    void a_setting_changed_on_one_instance_reaches_a_running_stream_on_the_other_within_seconds(@TempDir Path dir)
            throws Exception {
        try (FakeTwilio twilio = new FakeTwilio(); TwoServers servers = TwoServers.start(dir, smsOnly(twilio, "0.2", "5"))) {
            AlertFlowTest.Person p = AlertFlowTest.person(servers.first);
            AlertFlowTest.Person onSecond = new AlertFlowTest.Person(
                    p.client().via("http://127.0.0.1:" + servers.second.app.port(), null), p.phone(), p.email(), p.contactId());
            WsClient ws = onSecond.client().stream("/api/stream"); // open before the change
            ws.text(AlertFlowTest.HELLO);

            servers.first.owner.putJson("/api/admin/settings", "{\"countdown_seconds\":17}");
            AlertFlowTest.await(() -> servers.second.app.settings().current().countdownSeconds() == 17,
                    "the change on the second instance");
            StreamApiTest.sendInRandomChunks(ws, io.screamguard.server.support.TestAudio.wavPayload(
                    StreamApiTest.screamWav48k()), 3);
            AlertFlowTest.await(() -> !ws.ofType("countdown").isEmpty(), "the countdown on the second instance");

            assertEquals(17, ws.ofType("countdown").get(0).get("seconds").asInt());
            ws.close();
        }
    }

    @Test
    void a_countdown_cancelled_over_http_on_the_instance_that_does_not_hold_its_stream_sends_nothing(@TempDir Path dir)
            throws Exception {
        try (FakeTwilio twilio = new FakeTwilio(); TwoServers servers = TwoServers.start(dir, smsOnly(twilio, "0.2", "2"))) {
            servers.first.owner.putJson("/api/admin/settings", "{\"countdown_seconds\":4}");
            AlertFlowTest.await(() -> servers.second.app.settings().current().countdownSeconds() == 4, "the setting on both");
            AlertFlowTest.Person p = AlertFlowTest.person(servers.first);
            WsClient ws = AlertFlowTest.scream(p); // the stream and its countdown are on the first instance
            String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();

            var cancel = p.client().via("http://127.0.0.1:" + servers.second.app.port(), null)
                    .postJson("/api/incidents/" + incidentId + "/cancel", "");
            AlertFlowTest.await(() -> !ws.ofType("countdown_cancelled").isEmpty(), "the stream told of the cancel");
            Thread.sleep(6_000); // past the countdown

            assertEquals(200, cancel.statusCode(), cancel.body());
            assertEquals(0, twilio.requests.get(), "nothing sent");
            assertEquals(0, servers.first.app.alerts().runningCountdowns());
            ws.close();
        }
    }

    @Test
    void the_duress_pin_given_on_the_other_instance_sends_the_alert_at_once(@TempDir Path dir) throws Exception {
        try (FakeTwilio twilio = new FakeTwilio(); TwoServers servers = TwoServers.start(dir, smsOnly(twilio, "0.2", "2"))) {
            servers.first.owner.putJson("/api/admin/settings", "{\"countdown_seconds\":120}");
            AlertFlowTest.await(() -> servers.second.app.settings().current().countdownSeconds() == 120, "the setting");
            AlertFlowTest.Person p = AlertFlowTest.person(servers.first);
            assertEquals(200, p.client().putJson("/api/alerts/pins", "{\"pin\":\"2468\",\"duress_pin\":\"1357\"}")
                    .statusCode());
            WsClient ws = AlertFlowTest.scream(p);
            String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();

            var duress = p.client().via("http://127.0.0.1:" + servers.second.app.port(), null)
                    .postJson("/api/incidents/" + incidentId + "/cancel", "{\"pin\":\"1357\"}");
            AlertFlowTest.await(() -> AlertFlowTest.smsTo(twilio, p.phone()).size() == 1, "the SMS under duress");
            AlertFlowTest.await(() -> !ws.ofType("countdown_cancelled").isEmpty(), "the screen looks cancelled");

            assertEquals(200, duress.statusCode(), duress.body());
            assertEquals(0, servers.first.app.alerts().runningCountdowns());
            ws.close();
        }
    }
}
