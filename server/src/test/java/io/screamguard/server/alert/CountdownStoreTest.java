package io.screamguard.server.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.server.embedded.EmbeddedMongo;
import io.screamguard.server.location.Location;
import io.screamguard.server.store.MongoConnection;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountdownStoreTest {
    @TempDir
    Path dir;

    static final Instant NOW = Instant.parse("2026-12-04T20:00:00Z");

    static LiveIncident incident(String id) {
        return new LiveIncident(id, "owner", "Sam", "stream-1", 0.9, NOW, ZoneId.of("Europe/London"), () -> Location.NONE,
                m -> { });
    }

    @Test
    void a_cancel_and_the_expiry_cannot_both_win() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir.resolve("db"), 0);
             MongoConnection db = MongoConnection.open(mongo.connectionString(), "test", 2000)) {
            CountdownStore store = new CountdownStore(db);
            store.start(incident("i1"), Location.NONE, NOW.plusSeconds(10), "a", NOW.plusSeconds(60), NOW);

            boolean cancelled = store.move("i1", CountdownStore.RUNNING, CountdownStore.CANCELLED, NOW);
            boolean raised = store.move("i1", CountdownStore.RUNNING, CountdownStore.RAISED, NOW);

            assertTrue(cancelled);
            assertFalse(raised, "the expiry finds it cancelled");
            assertEquals("cancelled", store.find("i1").orElseThrow().getString("state"));
        }
    }

    @Test
    void a_running_countdown_is_taken_over_only_once_its_lease_ran_out_and_keeps_what_raising_needs() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir.resolve("db"), 0);
             MongoConnection db = MongoConnection.open(mongo.connectionString(), "test", 2000)) {
            CountdownStore store = new CountdownStore(db);
            store.start(incident("i1"), Location.NONE, NOW.plusSeconds(10), "a", NOW.plusSeconds(60), NOW);

            boolean early = store.takeOrphan("b", NOW.plusSeconds(59), NOW.plusSeconds(119)).isPresent();
            var late = store.takeOrphan("b", NOW.plusSeconds(61), NOW.plusSeconds(121));

            assertFalse(early, "instance a still holds it");
            assertEquals("b", late.orElseThrow().getString("instance"));
            LiveIncident back = CountdownStore.incident(late.get());
            assertEquals("owner", back.ownerId());
            assertEquals(ZoneId.of("Europe/London"), back.timeZone());
            assertEquals(0.9, back.probability());
        }
    }

    @Test
    void ended_countdowns_older_than_the_cutoff_are_purged_and_running_ones_kept() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir.resolve("db"), 0);
             MongoConnection db = MongoConnection.open(mongo.connectionString(), "test", 2000)) {
            CountdownStore store = new CountdownStore(db);
            store.start(incident("old"), Location.NONE, NOW, "a", NOW, NOW);
            store.start(incident("running"), Location.NONE, NOW, "a", NOW, NOW);
            store.move("old", CountdownStore.RUNNING, CountdownStore.RAISED, NOW);

            long purged = store.deleteEndedBefore(NOW.plusSeconds(1));

            assertEquals(1, purged);
            assertTrue(store.find("running").isPresent());
        }
    }
}
