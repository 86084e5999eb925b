package io.screamguard.server.alert;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.screamguard.server.store.MongoConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The durable outbox, collection {@code alert_outbox}: one document per (alert, contact, channel)
 * whose {@code _id} is the idempotency key (unique on every MongoDB and on the embedded store), so
 * inserting a job twice, from one instance or from two, keeps one. A dispatcher claims a due
 * {@code queued} job with one {@code findOneAndUpdate} that takes a lease: {@code lease_owner} (the
 * instance) and {@code lease_until}; it renews the lease while it sends, and settling the job
 * gives it back. A job whose lease expired (its instance crashed or hung) can be claimed by any
 * instance, so several instances share one outbox and a crashed one's jobs are taken over without
 * a restart. Uses only single-field filters and updates the embedded store runs. Thread-safe.
 */
final class OutboxStore {
    /** The instance that holds a job while it sends it. */
    static final String LEASE_OWNER = "lease_owner";
    /** Until when it holds it; the epoch when nobody does. */
    static final String LEASE_UNTIL = "lease_until";
    private final MongoCollection<Document> jobs;
    /** Delivery reports that arrived before the send that they report on was recorded. */
    private final MongoCollection<Document> earlyReports;

    OutboxStore(MongoConnection db) {
        this.jobs = db.collection("alert_outbox");
        this.earlyReports = db.collection("alert_early_reports");
    }

    void createIndexes() {
        MongoConnection.run("creating the outbox indexes", () -> {
            jobs.createIndex(Indexes.ascending("status"), new IndexOptions().name("status"));
            jobs.createIndex(Indexes.ascending("alert_id"), new IndexOptions().name("alert_id"));
            jobs.createIndex(Indexes.ascending("provider_id"), new IndexOptions().name("provider_id"));
        });
    }

    /**
     * Queues a job unless one with its key exists.
     *
     * @return true when it was inserted, false when the key was already there
     */
    boolean insert(OutboxJob job) {
        return insert(job, null, null);
    }

    /**
     * Queues an alert job with the hash of the recipient's incident-page token and its expiry.
     *
     * @return true when it was inserted, false when the key was already there
     */
    boolean insert(OutboxJob job, String tokenHash, Instant tokenExpiresAt) {
        Document doc = document(job);
        if (tokenHash != null) {
            doc.append("token_hash", tokenHash).append("token_expires_at", Date.from(tokenExpiresAt));
        }
        try {
            MongoConnection.run("queueing the message", () -> jobs.insertOne(doc));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Claims the oldest due queued job that nobody holds (no lease, or an expired one) with a lease
     * for {@code owner} until {@code leaseUntil}; empty when none is due.
     */
    Optional<OutboxJob> claimDue(Instant now, String owner, Instant leaseUntil) {
        Document d = MongoConnection.call("claiming a message", () -> jobs.findOneAndUpdate(
                Filters.and(Filters.eq("status", DeliveryStatus.QUEUED.wireName()),
                        Filters.lte("next_attempt_at", Date.from(now)),
                        // a job of an older version has no lease field: free (its "claimed" flag died with its process)
                        Filters.or(Filters.eq(LEASE_UNTIL, null), Filters.lte(LEASE_UNTIL, Date.from(now)))),
                Updates.combine(Updates.set(LEASE_OWNER, owner), Updates.set(LEASE_UNTIL, Date.from(leaseUntil))),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("next_attempt_at")).returnDocument(ReturnDocument.AFTER)));
        return Optional.ofNullable(d).map(OutboxStore::job);
    }

    /**
     * Extends the lease {@code owner} holds on a job.
     *
     * @return false when the owner no longer holds it (it expired and another instance took it, or it was settled)
     */
    boolean renew(String key, String owner, Instant leaseUntil) {
        return MongoConnection.call("renewing a message's lease", () -> jobs.updateOne(
                Filters.and(Filters.eq("_id", key), Filters.eq(LEASE_OWNER, owner)),
                Updates.set(LEASE_UNTIL, Date.from(leaseUntil))).getMatchedCount() > 0);
    }

    /** The instance holding a job's lease and until when, or empty when nobody holds it (tests, logs). */
    Optional<Map.Entry<String, Instant>> lease(String key) {
        Document d = MongoConnection.call("reading a message's lease", () -> jobs.find(Filters.eq("_id", key)).first());
        if (d == null || d.getString(LEASE_OWNER) == null || d.getDate(LEASE_UNTIL) == null) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(d.getString(LEASE_OWNER), d.getDate(LEASE_UNTIL).toInstant()));
    }

    /** Records an attempt's outcome and gives the lease back. */
    void settle(String key, DeliveryStatus status, int attempts, Instant nextAttemptAt, String providerId, String error,
                Instant now) {
        List<Bson> set = new ArrayList<>(List.of(Updates.set("status", status.wireName()), Updates.set("attempts", attempts),
                Updates.set("next_attempt_at", Date.from(nextAttemptAt)), Updates.set("error", error),
                Updates.set("updated_at", Date.from(now)), Updates.set(LEASE_OWNER, null),
                Updates.set(LEASE_UNTIL, new Date(0)), Updates.unset("claimed")));
        if (providerId != null) {
            set.add(Updates.set("provider_id", providerId));
        }
        if (status == DeliveryStatus.SENT) {
            set.add(Updates.set("sent_at", Date.from(now)));
        }
        MongoConnection.run("saving the message status", () -> jobs.updateOne(Filters.eq("_id", key), Updates.combine(set)));
        if (providerId != null) {
            // the provider may call back between its answer to the send and this record of it
            Document early = MongoConnection.call("reading an early delivery report",
                    () -> earlyReports.findOneAndDelete(Filters.eq("_id", providerId)));
            if (early != null) {
                report(providerId, DeliveryStatus.parse(early.getString("status")), early.getString("error"),
                        early.getDate("reported_at").toInstant());
            }
        }
    }

    /**
     * A delivery report from the provider: moves a sent message to delivered, undelivered or
     * failed (never back to sent).
     *
     * @return the alert id of the job, or empty when no job has that provider id
     */
    Optional<String> report(String providerId, DeliveryStatus status, String error, Instant now) {
        Document d = MongoConnection.call("saving a delivery report", () -> jobs.findOneAndUpdate(
                Filters.eq("provider_id", providerId),
                Updates.combine(Updates.set("status", status.wireName()), Updates.set("error", error),
                        Updates.set("updated_at", Date.from(now)),
                        Updates.set(status == DeliveryStatus.DELIVERED ? "delivered_at" : "reported_at", Date.from(now)))));
        if (d == null) {
            // kept until the send it reports on is recorded (settle applies it); callbacks are signature-checked
            MongoConnection.run("saving an early delivery report", () -> earlyReports.replaceOne(
                    Filters.eq("_id", providerId), new Document("_id", providerId).append("status", status.wireName())
                            .append("error", error).append("reported_at", Date.from(now)),
                    new ReplaceOptions().upsert(true)));
        }
        return Optional.ofNullable(d).map(x -> x.getString("alert_id"));
    }

    /**
     * The recipient an incident-page token belongs to: {@code alert_id}, {@code contact_id},
     * {@code contact_name}, {@code token_expires_at}; empty when no job carries that hash.
     */
    Optional<AlertView.Recipient> byToken(String tokenHash) {
        return MongoConnection.call("reading the incident link", () -> Optional.ofNullable(
                jobs.find(Filters.eq("token_hash", tokenHash)).first()).map(d -> new AlertView.Recipient(
                        d.getString("alert_id"), d.getString("contact_id"), d.getString("contact_name"),
                        d.getDate("token_expires_at").toInstant())));
    }

    /** Marks a contact's reached alert messages acknowledged. */
    void acknowledge(String alertId, String contactId, Instant now) {
        MongoConnection.run("saving the acknowledgement", () -> jobs.updateMany(Filters.and(Filters.eq("alert_id", alertId),
                        Filters.eq("contact_id", contactId), Filters.eq("kind", OutboxJob.ALERT),
                        Filters.in("status", DeliveryStatus.SENT.wireName(), DeliveryStatus.DELIVERED.wireName())),
                Updates.combine(Updates.set("status", DeliveryStatus.ACKNOWLEDGED.wireName()),
                        Updates.set("acknowledged_at", Date.from(now)), Updates.set("updated_at", Date.from(now)))));
    }

    /** Deletes every job of the person (account deletion): queued ones are not sent, links stop working. */
    long deleteAll(String ownerId) {
        return MongoConnection.call("deleting the messages", () -> jobs.deleteMany(Filters.eq("owner_id", ownerId))
                .getDeletedCount());
    }

    /** Every job of an alert, in queueing order. */
    List<OutboxJob> byAlert(String alertId) {
        return MongoConnection.call("reading the alert's messages", () -> {
            List<OutboxJob> out = new ArrayList<>();
            for (Document d : jobs.find(Filters.eq("alert_id", alertId)).sort(Sorts.ascending("created_at"))) {
                out.add(job(d));
            }
            return out;
        });
    }

    /** Messages queued or waiting for a retry, of every person. */
    long queuedCount() {
        return MongoConnection.call("counting queued messages",
                () -> jobs.countDocuments(Filters.eq("status", DeliveryStatus.QUEUED.wireName())));
    }

    /** The jobs of an alert as {@code alert.recipients[]} shows them (no message bodies). */
    List<Document> recipients(String alertId) {
        return MongoConnection.call("reading the alert's recipients", () -> {
            List<Document> out = new ArrayList<>();
            for (Document d : jobs.find(Filters.eq("alert_id", alertId)).sort(Sorts.ascending("created_at"))) {
                out.add(new Document("contact_id", d.getString("contact_id")).append("contact", d.getString("contact_name"))
                        .append("kind", d.getString("kind"))
                        .append("channel", d.getString("channel")).append("status", d.getString("status"))
                        .append("provider_id", d.getString("provider_id")).append("attempts", d.getInteger("attempts"))
                        .append("queued_at", d.getDate("created_at")).append("updated_at", d.getDate("updated_at"))
                        .append("sent_at", d.getDate("sent_at")).append("delivered_at", d.getDate("delivered_at"))
                        .append("acknowledged_at", d.getDate("acknowledged_at"))
                        .append("error", d.getString("error")));
            }
            return out;
        });
    }

    private static Document document(OutboxJob j) {
        Outgoing m = j.message();
        return new Document("_id", j.key()).append("alert_id", j.alertId()).append("owner_id", j.ownerId())
                .append("contact_id", j.contactId()).append("contact_name", j.contactName())
                .append("channel", j.channel().wireName()).append("to", m.to()).append("subject", m.subject())
                .append("text", m.text()).append("html", m.html()).append("status", j.status().wireName())
                .append(LEASE_OWNER, null).append(LEASE_UNTIL, new Date(0)).append("attempts", j.attempts())
                .append("next_attempt_at", Date.from(j.nextAttemptAt())).append("provider_id", j.providerId())
                .append("error", j.error()).append("created_at", Date.from(j.createdAt()))
                .append("updated_at", Date.from(j.updatedAt())).append("kind", j.kind());
    }

    private static OutboxJob job(Document d) {
        return new OutboxJob(d.getString("_id"), d.getString("alert_id"), d.getString("owner_id"),
                d.getString("contact_id"), d.getString("contact_name"), Channel.parse(d.getString("channel")),
                new Outgoing(d.getString("_id"), d.getString("to"), d.getString("subject"), d.getString("text"),
                        d.getString("html")),
                DeliveryStatus.parse(d.getString("status")), d.getInteger("attempts", 0),
                d.getDate("next_attempt_at").toInstant(), d.getString("provider_id"), d.getString("error"),
                d.getDate("created_at").toInstant(), d.getDate("updated_at").toInstant(), d.getString("kind"));
    }
}
