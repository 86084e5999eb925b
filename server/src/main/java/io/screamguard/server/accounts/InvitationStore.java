package io.screamguard.server.accounts;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.screamguard.server.store.MongoConnection;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * The {@code invitations} collection: {@code token_hash} (unique), {@code created_by},
 * {@code expires_at}. An invitation is deleted when used. Thread-safe.
 */
final class InvitationStore {
    private final MongoCollection<Document> invitations;

    InvitationStore(MongoConnection db) {
        this.invitations = db.collection("invitations");
    }

    /** Creates the unique token index (idempotent). */
    void createIndexes() {
        MongoConnection.run("creating the invitations index", () -> invitations.createIndex(Indexes.ascending("token_hash"),
                new IndexOptions().name("token_hash_unique").unique(true)));
    }

    void insert(String tokenHash, String createdBy, Instant expiresAt) {
        MongoConnection.run("creating the invitation", () -> invitations.insertOne(new Document("token_hash", tokenHash)
                .append("created_by", createdBy).append("expires_at", Date.from(expiresAt))));
    }

    /** Uses up an invitation: true when it existed and had not expired (it is deleted either way). */
    boolean consume(String tokenHash, Instant now) {
        Document d = MongoConnection.call("using the invitation",
                () -> invitations.findOneAndDelete(Filters.eq("token_hash", tokenHash)));
        return d != null && d.getDate("expires_at").toInstant().isAfter(now);
    }
}
