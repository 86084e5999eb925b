package io.screamguard.server.admin;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.screamguard.server.store.MongoConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The {@code audit} collection, append-only: {@code at} (index), {@code actor_id},
 * {@code actor_email}, {@code action}, {@code old}, {@code new}. Thread-safe.
 */
final class AuditStore {
    private final MongoCollection<Document> audit;

    AuditStore(MongoConnection db) {
        this.audit = db.collection("audit");
    }

    void createIndexes() {
        MongoConnection.run("creating the audit index",
                () -> audit.createIndex(Indexes.descending("at"), new IndexOptions().name("at_desc")));
    }

    AuditRecord append(Instant at, String actorId, String actorEmail, String action, Map<String, Object> oldValue,
                       Map<String, Object> newValue) {
        ObjectId id = new ObjectId();
        MongoConnection.run("writing the audit record", () -> audit.insertOne(new Document("_id", id)
                .append("at", Date.from(at)).append("actor_id", actorId).append("actor_email", actorEmail)
                .append("action", action).append("old", new Document(oldValue)).append("new", new Document(newValue))));
        return new AuditRecord(id.toHexString(), at, actorId, actorEmail, action, oldValue, newValue);
    }

    /** Newest first. */
    List<AuditRecord> page(int page, int size) {
        return MongoConnection.call("reading the audit log", () -> {
            List<AuditRecord> out = new ArrayList<>();
            for (Document d : audit.find().sort(Sorts.orderBy(Sorts.descending("at"), Sorts.descending("_id")))
                    .skip(page * size).limit(size)) {
                out.add(new AuditRecord(d.getObjectId("_id").toHexString(), d.getDate("at").toInstant(),
                        d.getString("actor_id"), d.getString("actor_email"), d.getString("action"),
                        new LinkedHashMap<>(d.get("old", Document.class)), new LinkedHashMap<>(d.get("new", Document.class))));
            }
            return out;
        });
    }

    long count() {
        return MongoConnection.call("counting the audit log", audit::countDocuments);
    }
}
