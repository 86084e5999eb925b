package io.screamguard.server.alert;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.screamguard.server.location.Location;
import io.screamguard.server.store.MongoConnection;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The running cancel countdowns, collection {@code alert_countdowns}, so every instance sees them:
 * one document per incident with what raising its alert needs, the instance that holds it (its
 * stream) under a lease, and its state. The state moves once, atomically, from {@value #RUNNING}
 * to {@value #CANCELLED}, {@value #DURESS} (cancelled with the duress PIN on another instance: the
 * holder sends the alert) or {@value #RAISED}, so a cancel on any instance and the expiry on the
 * holder cannot both win. A running countdown whose lease ran out (its instance died) is taken
 * over by another instance. Single-field filters only. Thread-safe.
 */
final class CountdownStore {
    static final String RUNNING = "running";
    static final String CANCELLED = "cancelled";
    static final String DURESS = "duress";
    static final String RAISED = "raised";

    private final MongoCollection<Document> countdowns;

    CountdownStore(MongoConnection db) {
        this.countdowns = db.collection("alert_countdowns");
    }

    void createIndexes() {
        MongoConnection.run("creating the countdown indexes", () -> {
            countdowns.createIndex(Indexes.ascending("state"), new IndexOptions().name("state"));
            countdowns.createIndex(Indexes.ascending("owner_id"), new IndexOptions().name("owner_id"));
        });
    }

    /** Records a countdown that started on {@code instance}; a second record of one incident is ignored. */
    void start(LiveIncident i, Location location, Instant expiresAt, String instance, Instant leaseUntil, Instant now) {
        Document d = new Document("_id", i.incidentId()).append("owner_id", i.ownerId()).append("who", i.who())
                .append("stream_id", i.streamId()).append("probability", i.probability())
                .append("detected_at", Date.from(i.detectedAt())).append("time_zone", i.timeZone().getId())
                .append("location", AlertStore.location(location)).append("expires_at", Date.from(expiresAt))
                .append("state", RUNNING).append("instance", instance).append("lease_until", Date.from(leaseUntil))
                .append("created_at", Date.from(now)).append("updated_at", Date.from(now));
        try {
            MongoConnection.run("saving the countdown", () -> countdowns.insertOne(d));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /**
     * Moves a countdown from one state to another.
     *
     * @return true when this call made the move (false: it was not in {@code from}, or is unknown)
     */
    boolean move(String incidentId, String from, String to, Instant now) {
        return MongoConnection.call("saving the countdown's state", () -> countdowns.updateOne(
                Filters.and(Filters.eq("_id", incidentId), Filters.eq("state", from)),
                Updates.combine(Updates.set("state", to), Updates.set("updated_at", Date.from(now)))).getModifiedCount() == 1);
    }

    /** The countdown's document, or empty. */
    Optional<Document> find(String incidentId) {
        return MongoConnection.call("reading the countdown",
                () -> Optional.ofNullable(countdowns.find(Filters.eq("_id", incidentId)).first()));
    }

    /** The states of these countdowns, as (id, state) documents. */
    List<Document> states(Collection<String> incidentIds) {
        return MongoConnection.call("reading the countdowns' states", () -> countdowns.find(Filters.in("_id", incidentIds))
                .projection(new Document("state", 1)).into(new ArrayList<>()));
    }

    /** Extends the lease of every running countdown the instance holds. */
    void renew(String instance, Instant leaseUntil) {
        MongoConnection.run("renewing the countdowns' lease", () -> countdowns.updateMany(
                Filters.and(Filters.eq("instance", instance), Filters.eq("state", RUNNING)),
                Updates.set("lease_until", Date.from(leaseUntil))));
    }

    /** Takes over one running countdown whose lease ran out (its instance died), or empty. */
    Optional<Document> takeOrphan(String instance, Instant now, Instant leaseUntil) {
        return MongoConnection.call("taking over a countdown", () -> Optional.ofNullable(countdowns.findOneAndUpdate(
                Filters.and(Filters.eq("state", RUNNING), Filters.lt("lease_until", Date.from(now))),
                Updates.combine(Updates.set("instance", instance), Updates.set("lease_until", Date.from(leaseUntil))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))));
    }

    /** Deletes the countdowns that ended (cancelled or raised) before {@code cutoff}; returns how many. */
    long deleteEndedBefore(Instant cutoff) {
        return MongoConnection.call("purging ended countdowns", () -> countdowns.deleteMany(Filters.and(
                Filters.ne("state", RUNNING), Filters.lt("updated_at", Date.from(cutoff)))).getDeletedCount());
    }

    /** Deletes the person's countdowns (account deletion). */
    long deleteAll(String ownerId) {
        return MongoConnection.call("deleting the countdowns",
                () -> countdowns.deleteMany(Filters.eq("owner_id", ownerId)).getDeletedCount());
    }

    /** A countdown taken over from a dead instance as a live incident whose stream is gone. */
    static LiveIncident incident(Document d) {
        Location location = AlertStore.location(d.get("location", Document.class));
        return new LiveIncident(d.getString("_id"), d.getString("owner_id"), d.getString("who"), d.getString("stream_id"),
                d.get("probability", Number.class).doubleValue(), d.getDate("detected_at").toInstant(),
                ZoneId.of(d.getString("time_zone")), () -> location, message -> { });
    }
}
