package io.screamguard.server.alert;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.screamguard.server.location.Location;
import io.screamguard.server.location.LocationSource;
import io.screamguard.server.store.MongoConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The {@code alerts} collection (one document per alert: owner, incidents joined to it, times,
 * position) and the {@code alert} field of the incidents' documents in {@code events}, which this
 * store keeps in step with the outbox. Thread-safe.
 */
final class AlertStore {
    private final MongoCollection<Document> alerts;
    private final MongoCollection<Document> events;

    AlertStore(MongoConnection db) {
        this.alerts = db.collection("alerts");
        this.events = db.collection("events");
    }

    void createIndexes() {
        MongoConnection.run("creating the alerts index",
                () -> alerts.createIndex(Indexes.ascending("owner_id"), new IndexOptions().name("owner_id")));
    }

    /** Saves a new alert; an alert with this id saved before (a retry) is kept as it is. */
    void insert(String alertId, String ownerId, String who, String incidentId, Instant now, Location location,
                double probability, boolean duress, String timeZone) {
        Document alert = new Document("_id", alertId).append("owner_id", ownerId).append("who", who)
                .append("status", "open").append("incident_ids", List.of(incidentId))
                .append("created_at", Date.from(now)).append("last_incident_at", Date.from(now))
                .append("duress", duress).append("acknowledged", false).append("escalated", false)
                .append("time_zone", timeZone).append("update_pending", false).append("last_update_at", Date.from(now))
                .append("acknowledgements", List.of()).append("location", location(location))
                .append("probability", probability);
        try {
            MongoConnection.run("saving the alert", () -> alerts.insertOne(alert));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // raised before (a retry after the database stopped answering half way): keep the first
        }
    }

    /** The person's newest open alert whose last incident is at or after {@code since}. */
    Optional<String> openSince(String ownerId, Instant since) {
        return MongoConnection.call("reading the open alert", () -> Optional.ofNullable(alerts.find(Filters.and(
                        Filters.eq("owner_id", ownerId), Filters.eq("status", "open"),
                        Filters.gte("last_incident_at", Date.from(since))))
                .sort(Sorts.descending("last_incident_at")).first()).map(d -> d.getString("_id")));
    }

    /** Adds an incident to an alert, with the newest position. */
    void join(String alertId, String incidentId, Instant now, Location location) {
        MongoConnection.run("joining the incident to the alert", () -> alerts.updateOne(Filters.eq("_id", alertId),
                Updates.combine(Updates.addToSet("incident_ids", incidentId), Updates.set("last_incident_at", Date.from(now)),
                        Updates.set("location", location(location)), Updates.set("update_pending", true))));
    }

    /**
     * Ends one of the person's open alerts ("I'm safe").
     *
     * @return who the alert names, or empty when the person has no open alert with that id
     */
    Optional<String> markSafe(String alertId, String ownerId, Instant now) {
        Document d = MongoConnection.call("ending the alert", () -> alerts.findOneAndUpdate(Filters.and(
                        Filters.eq("_id", alertId), Filters.eq("owner_id", ownerId), Filters.eq("status", "open")),
                Updates.combine(Updates.set("status", "safe"), Updates.set("safe_at", Date.from(now)))));
        return Optional.ofNullable(d).map(x -> x.getString("who"));
    }

    /**
     * Records a contact's "I'm on my way" (once per contact).
     *
     * @return false when that contact had acknowledged already
     */
    boolean acknowledge(String alertId, String contactId, String contactName, Instant now) {
        return MongoConnection.call("saving the acknowledgement", () -> {
            Document d = alerts.find(Filters.eq("_id", alertId)).first();
            if (d == null || d.getList("acknowledgements", Document.class).stream()
                    .anyMatch(a -> contactId.equals(a.getString("contact_id")))) {
                return false;
            }
            alerts.updateOne(Filters.eq("_id", alertId), Updates.combine(Updates.set("acknowledged", true),
                    Updates.push("acknowledgements", new Document("contact_id", contactId).append("contact", contactName)
                            .append("at", Date.from(now)))));
            return true;
        });
    }

    /**
     * Claims one open, unacknowledged alert raised at or before {@code cutoff} that was not escalated
     * yet, and marks it escalated (so each alert escalates once, even across a restart).
     */
    Optional<String> claimEscalation(Instant cutoff) {
        return MongoConnection.call("claiming an escalation", () -> Optional.ofNullable(alerts.findOneAndUpdate(
                Filters.and(Filters.eq("status", "open"), Filters.eq("acknowledged", false), Filters.eq("escalated", false),
                        Filters.lte("created_at", Date.from(cutoff))),
                Updates.set("escalated", true))).map(d -> d.getString("_id")));
    }

    /**
     * Claims one open alert with an incident joined since its last update, when that update is at
     * least {@code interval} old, and records this update as sent now.
     *
     * @return the alert id and the time zone of its person
     */
    Optional<String[]> claimUpdate(Instant now, java.time.Duration interval) {
        return MongoConnection.call("claiming an update", () -> Optional.ofNullable(alerts.findOneAndUpdate(
                Filters.and(Filters.eq("status", "open"), Filters.eq("update_pending", true),
                        Filters.lte("last_update_at", Date.from(now.minus(interval)))),
                Updates.combine(Updates.set("update_pending", false), Updates.set("last_update_at", Date.from(now)))))
                .map(d -> new String[] {d.getString("_id"), d.getString("time_zone")}));
    }

    /** When the newest incident of the alert was raised. */
    Optional<Instant> lastIncidentAt(String alertId) {
        return MongoConnection.call("reading the alert", () -> Optional.ofNullable(alerts.find(Filters.eq("_id", alertId))
                .first()).map(d -> d.getDate("last_incident_at").toInstant()));
    }

    /** The alert as the incident page shows it, or empty. */
    Optional<AlertView> view(String alertId) {
        return MongoConnection.call("reading the alert", () -> Optional.ofNullable(alerts.find(Filters.eq("_id", alertId))
                .first()).map(d -> {
                    Location location = location(d.get("location", Document.class));
                    List<AlertView.Acknowledgement> acks = new ArrayList<>();
                    for (Document a : d.getList("acknowledgements", Document.class)) {
                        acks.add(new AlertView.Acknowledgement(a.getString("contact_id"), a.getString("contact"),
                                a.getDate("at").toInstant()));
                    }
                    return new AlertView(alertId, d.getString("owner_id"), d.getString("who"), d.getDate("created_at").toInstant(),
                            d.getDouble("probability"), location, acks);
                }));
    }

    /** The ids of the person's alerts, newest first. */
    List<String> idsOf(String ownerId) {
        return MongoConnection.call("listing the alerts", () -> {
            List<String> ids = new ArrayList<>();
            for (Document d : alerts.find(Filters.eq("owner_id", ownerId)).sort(Sorts.descending("created_at"))) {
                ids.add(d.getString("_id"));
            }
            return ids;
        });
    }

    /** Deletes the person's alerts; returns how many. */
    long deleteAll(String ownerId) {
        return MongoConnection.call("deleting the alerts", () -> alerts.deleteMany(Filters.eq("owner_id", ownerId))
                .getDeletedCount());
    }

    /**
     * The newest position of an open alert (the person's stream sent one).
     *
     * @return false when the alert is no longer open
     */
    boolean movePosition(String alertId, Location location) {
        return MongoConnection.call("saving the position", () -> alerts.updateOne(
                Filters.and(Filters.eq("_id", alertId), Filters.eq("status", "open")),
                Updates.set("location", location(location))).getMatchedCount() == 1);
    }

    /** Alerts the person got since the given time (MAX_ALERTS_PER_HOUR). */
    long countSince(String ownerId, Instant since) {
        return MongoConnection.call("counting the alerts", () -> alerts.countDocuments(Filters.and(
                Filters.eq("owner_id", ownerId), Filters.gte("created_at", Date.from(since)))));
    }

    /** The incidents of an alert (empty when there is no such alert). */
    List<String> incidentIds(String alertId) {
        return MongoConnection.call("reading the alert", () -> {
            Document d = alerts.find(Filters.eq("_id", alertId)).first();
            return d == null ? List.<String>of() : new ArrayList<>(d.getList("incident_ids", String.class));
        });
    }

    /** The alert's status ("open", "safe"), or empty. */
    Optional<String> status(String alertId) {
        return MongoConnection.call("reading the alert", () -> Optional.ofNullable(alerts.find(Filters.eq("_id", alertId))
                .first()).map(d -> d.getString("status")));
    }

    /**
     * Replaces the {@code alert} field of an incident's event document.
     *
     * @param recipients the outbox's view of the recipients, or null for none
     * @return false when the event is not written yet (the caller tries again later)
     */
    boolean setEventAlert(String eventId, Map<String, Object> alert, String alertId, OutboxStore outbox) {
        if (!ObjectId.isValid(eventId)) {
            return true;
        }
        Document field = new Document(alert);
        if (alertId != null) {
            field.append("alert_id", alertId).append("recipients", outbox.recipients(alertId));
        }
        return MongoConnection.call("saving the alert status of the event", () -> events.updateOne(
                Filters.eq("_id", new ObjectId(eventId)), Updates.set("alert", field)).getMatchedCount() == 1);
    }

    /** A location as the alert documents keep it. */
    static Document location(Location l) {
        return new Document("latitude", l.latitude()).append("longitude", l.longitude())
                .append("accuracy_m", l.accuracyMeters()).append("source", l.source().wireName())
                .append("address", l.address());
    }

    /** A location read back from {@link #location(Location)}'s document. */
    static Location location(Document l) {
        return l == null || l.get("latitude") == null ? Location.NONE : new Location(l.getDouble("latitude"),
                l.getDouble("longitude"), l.getDouble("accuracy_m"),
                LocationSource.valueOf(l.getString("source").toUpperCase(java.util.Locale.ROOT)), l.getString("address"));
    }
}
