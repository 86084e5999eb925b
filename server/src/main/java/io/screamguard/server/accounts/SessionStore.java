package io.screamguard.server.accounts;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.screamguard.server.store.MongoConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The {@code sessions} collection: {@code token_hash} (SHA-256 of the cookie's token, unique
 * index), {@code account_id} (index), {@code created_at}, {@code last_seen_at}. The embedded store
 * ignores TTL indexes, so expired sessions are refused and purged by {@link AccountService}.
 * Thread-safe.
 */
final class SessionStore {
    private final MongoCollection<Document> sessions;

    SessionStore(MongoConnection db) {
        this.sessions = db.collection("sessions");
    }

    /** Creates the unique token index and the owner index (idempotent). */
    void createIndexes() {
        MongoConnection.run("creating the sessions indexes", () -> {
            sessions.createIndex(Indexes.ascending("token_hash"), new IndexOptions().name("token_hash_unique").unique(true));
            sessions.createIndex(Indexes.ascending("account_id"), new IndexOptions().name("account_id"));
        });
    }

    /**
     * @param tokenHash  SHA-256 of the token, hex
     * @param accountId  owner
     * @param createdAt  sign-in time (absolute expiry counts from here)
     * @param lastSeenAt last use (idle expiry counts from here)
     */
    record StoredSession(String tokenHash, String accountId, Instant createdAt, Instant lastSeenAt) {
    }

    void insert(StoredSession s) {
        MongoConnection.run("opening the session", () -> sessions.insertOne(new Document("token_hash", s.tokenHash())
                .append("account_id", s.accountId()).append("created_at", Date.from(s.createdAt()))
                .append("last_seen_at", Date.from(s.lastSeenAt()))));
    }

    Optional<StoredSession> byTokenHash(String tokenHash) {
        return MongoConnection.call("reading the session",
                () -> Optional.ofNullable(sessions.find(Filters.eq("token_hash", tokenHash)).first()).map(SessionStore::session));
    }

    List<StoredSession> byAccount(String accountId) {
        return MongoConnection.call("listing the sessions", () -> {
            List<StoredSession> out = new ArrayList<>();
            for (Document d : sessions.find(Filters.eq("account_id", accountId)).sort(Sorts.ascending("created_at"))) {
                out.add(session(d));
            }
            return out;
        });
    }

    void touch(String tokenHash, Instant now) {
        MongoConnection.run("updating the session",
                () -> sessions.updateOne(Filters.eq("token_hash", tokenHash), Updates.set("last_seen_at", Date.from(now))));
    }

    void delete(String tokenHash) {
        MongoConnection.run("ending the session", () -> sessions.deleteOne(Filters.eq("token_hash", tokenHash)));
    }

    long deleteByAccount(String accountId) {
        return MongoConnection.call("ending the sessions",
                () -> sessions.deleteMany(Filters.eq("account_id", accountId)).getDeletedCount());
    }

    /** Deletes the account's sessions except one (after a password change). */
    void deleteOthers(String accountId, String keepTokenHash) {
        MongoConnection.run("ending the other sessions", () -> sessions.deleteMany(
                Filters.and(Filters.eq("account_id", accountId), Filters.ne("token_hash", keepTokenHash))));
    }

    /** Deletes sessions idle since before {@code idleBefore} or created before {@code createdBefore}. */
    long purge(Instant idleBefore, Instant createdBefore) {
        return MongoConnection.call("removing expired sessions", () -> sessions.deleteMany(Filters.or(
                Filters.lt("last_seen_at", Date.from(idleBefore)), Filters.lt("created_at", Date.from(createdBefore))))
                .getDeletedCount());
    }

    private static StoredSession session(Document d) {
        return new StoredSession(d.getString("token_hash"), d.getString("account_id"),
                d.getDate("created_at").toInstant(), d.getDate("last_seen_at").toInstant());
    }
}
