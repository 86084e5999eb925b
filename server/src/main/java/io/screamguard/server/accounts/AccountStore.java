package io.screamguard.server.accounts;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
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
import org.bson.types.ObjectId;

/**
 * The {@code users} collection: {@code _id}, {@code email} (unique index), {@code password_hash},
 * {@code role}, {@code phone_region}, {@code created_at}. Thread-safe.
 */
final class AccountStore {
    private final MongoCollection<Document> users;

    AccountStore(MongoConnection db) {
        this.users = db.collection("users");
    }

    /** Creates the unique email index (idempotent). */
    void createIndexes() {
        MongoConnection.run("creating the users indexes",
                () -> users.createIndex(Indexes.ascending("email"), new IndexOptions().name("email_unique").unique(true)));
    }

    /** An account with its password hash (only the accounts package sees the hash). */
    record Stored(Account account, String passwordHash) {
    }

    /** The email is taken by another account. */
    static final class EmailTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EmailTaken(String email) {
            super("an account with the email " + email + " exists already");
        }
    }

    Account insert(String email, String passwordHash, Role role, String phoneRegion, Instant now) {
        ObjectId id = new ObjectId();
        try {
            MongoConnection.run("creating the account", () -> users.insertOne(new Document("_id", id).append("email", email).append("password_hash", passwordHash)
                    .append("role", role.wireName()).append("phone_region", phoneRegion)
                    .append("created_at", Date.from(now))));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new EmailTaken(email);
            }
            throw e;
        }
        return new Account(id.toHexString(), email, role, phoneRegion, now);
    }

    long count() {
        return MongoConnection.call("counting the accounts", users::countDocuments);
    }

    Optional<Stored> byEmail(String email) {
        return MongoConnection.call("reading the account",
                () -> Optional.ofNullable(users.find(Filters.eq("email", email)).first()).map(AccountStore::stored));
    }

    Optional<Stored> byId(String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return MongoConnection.call("reading the account",
                () -> Optional.ofNullable(users.find(Filters.eq("_id", new ObjectId(id))).first()).map(AccountStore::stored));
    }

    List<Account> all() {
        return MongoConnection.call("listing the accounts", () -> {
            List<Account> out = new ArrayList<>();
            for (Document d : users.find().sort(Sorts.ascending("created_at"))) {
                out.add(stored(d).account());
            }
            return out;
        });
    }

    long countAdmins() {
        return MongoConnection.call("counting the admins", () -> users.countDocuments(Filters.eq("role", Role.ADMIN.wireName())));
    }

    void updatePasswordHash(String id, String passwordHash) {
        MongoConnection.run("changing the password",
                () -> users.updateOne(Filters.eq("_id", new ObjectId(id)), Updates.set("password_hash", passwordHash)));
    }

    boolean delete(String id) {
        return MongoConnection.call("deleting the account",
                () -> users.deleteOne(Filters.eq("_id", new ObjectId(id))).getDeletedCount() == 1);
    }

    private static Stored stored(Document d) {
        return new Stored(new Account(d.getObjectId("_id").toHexString(), d.getString("email"),
                Role.parse(d.getString("role")), d.get("phone_region", ""), d.getDate("created_at").toInstant()),
                d.getString("password_hash"));
    }
}
