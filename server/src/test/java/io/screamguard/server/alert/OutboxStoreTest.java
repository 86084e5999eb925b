package io.screamguard.server.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import io.screamguard.server.embedded.EmbeddedMongo;
import io.screamguard.server.store.MongoConnection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxStoreTest {

    @TempDir
    Path dir;

    @Test
    void a_delivery_report_that_arrives_before_the_send_is_recorded_is_applied_when_it_is() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir.resolve("db"), 0);
             MongoConnection db = MongoConnection.open(mongo.connectionString(), "test", 2000)) {
            OutboxStore outbox = new OutboxStore(db);
            db.collection("alert_outbox").insertOne(new Document("_id", "a1:c1:sms").append("alert_id", "a1")
                    .append("status", "queued").append("claimed", true));
            Instant now = Instant.parse("2026-12-04T20:00:00Z");

            // Twilio's callback races ahead of the dispatcher's record of the send
            Optional<String> early = outbox.report("SM1", DeliveryStatus.DELIVERED, null, now);
            outbox.settle("a1:c1:sms", DeliveryStatus.SENT, 1, now, "SM1", null, now);

            Document job = db.collection("alert_outbox").find(Filters.eq("_id", "a1:c1:sms")).first();
            assertTrue(early.isEmpty(), "no job had that id yet");
            assertEquals("delivered", job.getString("status"));
            assertEquals(0, db.collection("alert_early_reports").countDocuments(), "the parked report is used up");
        }
    }

    @Test
    void a_report_after_the_send_finds_its_job_at_once() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir.resolve("db"), 0);
             MongoConnection db = MongoConnection.open(mongo.connectionString(), "test", 2000)) {
            OutboxStore outbox = new OutboxStore(db);
            db.collection("alert_outbox").insertOne(new Document("_id", "a2:c1:sms").append("alert_id", "a2")
                    .append("status", "queued").append("claimed", true));
            Instant now = Instant.parse("2026-12-04T20:00:00Z");

            outbox.settle("a2:c1:sms", DeliveryStatus.SENT, 1, now, "SM2", null, now);
            Optional<String> alert = outbox.report("SM2", DeliveryStatus.UNDELIVERED, "30003", now);

            assertEquals(Optional.of("a2"), alert);
            assertEquals("undelivered", db.collection("alert_outbox").find(Filters.eq("_id", "a2:c1:sms")).first()
                    .getString("status"));
            assertEquals(0, db.collection("alert_early_reports").countDocuments());
        }
    }
}
