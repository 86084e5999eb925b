package io.screamguard.server.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    private static OutboxJob job(String key, Instant now) {
        return new OutboxJob(key, "a9", "owner", "c1", "Sam", Channel.SMS, new Outgoing(key, "+447911123456", null, "help",
                null), DeliveryStatus.QUEUED, 0, now, null, null, now, now, OutboxJob.ALERT);
    }

    @Test
    void a_job_leased_by_one_instance_is_not_claimed_by_another_until_the_lease_expires() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir.resolve("db"), 0);
             MongoConnection db1 = MongoConnection.open(mongo.connectionString(), "test", 2000);
             MongoConnection db2 = MongoConnection.open(mongo.connectionString(), "test", 2000)) {
            OutboxStore first = new OutboxStore(db1);
            OutboxStore second = new OutboxStore(db2);
            Instant now = Instant.parse("2026-12-04T20:00:00Z");
            first.insert(job("a9:c1:sms", now));

            Optional<OutboxJob> a = first.claimDue(now, "instance-a", now.plusSeconds(60));
            Optional<OutboxJob> b = second.claimDue(now.plusSeconds(59), "instance-b", now.plusSeconds(119));
            Optional<OutboxJob> afterExpiry = second.claimDue(now.plusSeconds(61), "instance-b", now.plusSeconds(121));

            assertTrue(a.isPresent(), "the first instance claims the due job");
            assertTrue(b.isEmpty(), "held by instance-a until its lease ends");
            assertTrue(afterExpiry.isPresent(), "an expired lease is taken over");
            assertEquals("instance-b", second.lease("a9:c1:sms").orElseThrow().getKey());
        }
    }

    @Test
    void a_lease_renewed_by_its_holder_keeps_the_job_and_nobody_else_can_renew_it() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir.resolve("db"), 0);
             MongoConnection db = MongoConnection.open(mongo.connectionString(), "test", 2000)) {
            OutboxStore outbox = new OutboxStore(db);
            Instant now = Instant.parse("2026-12-04T20:00:00Z");
            outbox.insert(job("a9:c1:sms", now));
            outbox.claimDue(now, "instance-a", now.plusSeconds(60));

            boolean renewed = outbox.renew("a9:c1:sms", "instance-a", now.plusSeconds(120));
            boolean stranger = outbox.renew("a9:c1:sms", "instance-b", now.plusSeconds(500));

            assertTrue(renewed);
            assertFalse(stranger, "only the holder renews");
            assertTrue(outbox.claimDue(now.plusSeconds(90), "instance-b", now.plusSeconds(150)).isEmpty(),
                    "the renewed lease still holds at +90 s");
            assertEquals(now.plusSeconds(120), outbox.lease("a9:c1:sms").orElseThrow().getValue());
        }
    }

    @Test
    void settling_a_job_gives_its_lease_back() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir.resolve("db"), 0);
             MongoConnection db = MongoConnection.open(mongo.connectionString(), "test", 2000)) {
            OutboxStore outbox = new OutboxStore(db);
            Instant now = Instant.parse("2026-12-04T20:00:00Z");
            outbox.insert(job("a9:c1:sms", now));
            outbox.claimDue(now, "instance-a", now.plusSeconds(60));

            outbox.settle("a9:c1:sms", DeliveryStatus.QUEUED, 1, now.plusSeconds(5), null, "HTTP 503", now);

            assertTrue(outbox.lease("a9:c1:sms").isEmpty());
            assertTrue(outbox.claimDue(now.plusSeconds(6), "instance-b", now.plusSeconds(66)).isPresent(),
                    "the retry is due for any instance");
        }
    }

    @Test
    void one_idempotency_key_queued_by_two_instances_is_kept_once() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir.resolve("db"), 0);
             MongoConnection db1 = MongoConnection.open(mongo.connectionString(), "test", 2000);
             MongoConnection db2 = MongoConnection.open(mongo.connectionString(), "test", 2000)) {
            Instant now = Instant.parse("2026-12-04T20:00:00Z");

            boolean first = new OutboxStore(db1).insert(job("a9:c1:sms", now));
            boolean second = new OutboxStore(db2).insert(job("a9:c1:sms", now));

            assertTrue(first);
            assertFalse(second, "the unique key refuses the copy");
            assertEquals(1, db1.collection("alert_outbox").countDocuments());
        }
    }

    @Test
    void a_job_left_claimed_by_an_older_version_without_a_lease_can_be_claimed() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir.resolve("db"), 0);
             MongoConnection db = MongoConnection.open(mongo.connectionString(), "test", 2000)) {
            OutboxStore outbox = new OutboxStore(db);
            Instant now = Instant.parse("2026-12-04T20:00:00Z");
            outbox.insert(job("a9:c1:sms", now));
            db.collection("alert_outbox").updateOne(Filters.eq("_id", "a9:c1:sms"), com.mongodb.client.model.Updates
                    .combine(com.mongodb.client.model.Updates.set("claimed", true),
                            com.mongodb.client.model.Updates.unset("lease_until"),
                            com.mongodb.client.model.Updates.unset("lease_owner")));

            assertTrue(outbox.claimDue(now, "instance-a", now.plusSeconds(60)).isPresent());
        }
    }
}
