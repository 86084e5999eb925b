package io.screamguard.server.alert;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.screamguard.server.store.MongoConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The {@code incident_traces} collection: per live incident that raised a countdown, the hop
 * probabilities from {@link #BEFORE_SECONDS} before it was confirmed to {@link #AFTER_SECONDS}
 * after, which its incident page draws. One small document per incident ({@code _id} = the
 * incident's event id); deleted with the account. Thread-safe.
 */
final class TraceStore {
    /** Seconds of trace kept before the confirmation. */
    static final double BEFORE_SECONDS = 30;
    /** Seconds of trace kept after the confirmation. */
    static final double AFTER_SECONDS = 10;

    private final MongoCollection<Document> traces;

    TraceStore(MongoConnection db) {
        this.traces = db.collection("incident_traces");
    }

    /** Saves (or replaces) an incident's trace. */
    void save(String incidentId, String ownerId, List<TracePoint> points, Instant now) {
        List<Document> docs = points.stream().map(p -> new Document("t", p.seconds()).append("p", p.probability())).toList();
        Document d = new Document("_id", incidentId).append("owner_id", ownerId).append("created_at", Date.from(now))
                .append("points", docs);
        MongoConnection.run("saving the incident trace",
                () -> traces.replaceOne(Filters.eq("_id", incidentId), d, new ReplaceOptions().upsert(true)));
    }

    /** The incident's trace in time order, empty when none was saved. */
    List<TracePoint> of(String incidentId) {
        return MongoConnection.call("reading the incident trace", () -> {
            Document d = traces.find(Filters.eq("_id", incidentId)).first();
            List<TracePoint> out = new ArrayList<>();
            if (d != null) {
                for (Document p : d.getList("points", Document.class)) {
                    out.add(new TracePoint(((Number) p.get("t")).doubleValue(), ((Number) p.get("p")).doubleValue()));
                }
            }
            return out;
        });
    }

    /** Deletes the person's traces; returns how many went. */
    long deleteAll(String ownerId) {
        return MongoConnection.call("deleting the incident traces",
                () -> traces.deleteMany(Filters.eq("owner_id", ownerId)).getDeletedCount());
    }
}
