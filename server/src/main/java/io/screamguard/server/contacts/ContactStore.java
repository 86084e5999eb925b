package io.screamguard.server.contacts;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.screamguard.server.store.MongoConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The {@code contacts} collection: {@code _id}, {@code owner_id} (index), {@code name},
 * {@code phone}, {@code email}, {@code channels}, {@code language}, {@code note}, {@code created_at}.
 * Every query names the owner, so one person never reaches another's contact. Thread-safe.
 */
final class ContactStore {
    private final MongoCollection<Document> contacts;

    ContactStore(MongoConnection db) {
        this.contacts = db.collection("contacts");
    }

    void createIndexes() {
        MongoConnection.run("creating the contacts index",
                () -> contacts.createIndex(Indexes.ascending("owner_id"), new IndexOptions().name("owner_id")));
    }

    List<Contact> byOwner(String ownerId) {
        return MongoConnection.call("listing the contacts", () -> {
            List<Contact> out = new ArrayList<>();
            for (Document d : contacts.find(Filters.eq("owner_id", ownerId)).sort(Sorts.ascending("created_at"))) {
                out.add(contact(d));
            }
            return out;
        });
    }

    long count(String ownerId) {
        return MongoConnection.call("counting the contacts", () -> contacts.countDocuments(Filters.eq("owner_id", ownerId)));
    }

    Optional<Contact> find(String ownerId, String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return MongoConnection.call("reading the contact",
                () -> Optional.ofNullable(contacts.find(owned(ownerId, id)).first()).map(ContactStore::contact));
    }

    /** Any person's contact (an admin reading). */
    Optional<Contact> findAny(String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return MongoConnection.call("reading the contact",
                () -> Optional.ofNullable(contacts.find(Filters.eq("_id", new ObjectId(id))).first()).map(ContactStore::contact));
    }

    Contact insert(String ownerId, ContactDraft.Validated v, Instant now) {
        ObjectId id = new ObjectId();
        MongoConnection.run("saving the contact", () -> contacts.insertOne(document(v).append("_id", id)
                .append("owner_id", ownerId).append("created_at", Date.from(now))));
        return new Contact(id.toHexString(), ownerId, v.name(), v.phone(), v.email(), v.channels(), v.language(), v.note(), now);
    }

    /** Replaces the fields of the owner's contact; empty when it is not theirs or does not exist. */
    Optional<Contact> replace(String ownerId, String id, ContactDraft.Validated v) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        Document updated = MongoConnection.call("saving the contact", () -> contacts.findOneAndUpdate(owned(ownerId, id),
                new Document("$set", document(v)), new com.mongodb.client.model.FindOneAndUpdateOptions()
                        .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER)));
        return Optional.ofNullable(updated).map(ContactStore::contact);
    }

    boolean delete(String ownerId, String id) {
        return ObjectId.isValid(id) && MongoConnection.call("deleting the contact",
                () -> contacts.deleteOne(owned(ownerId, id)).getDeletedCount() == 1);
    }

    long deleteAll(String ownerId) {
        return MongoConnection.call("deleting the contacts",
                () -> contacts.deleteMany(Filters.eq("owner_id", ownerId)).getDeletedCount());
    }

    private static Bson owned(String ownerId, String id) {
        return Filters.and(Filters.eq("_id", new ObjectId(id)), Filters.eq("owner_id", ownerId));
    }

    private static Document document(ContactDraft.Validated v) {
        return new Document("name", v.name()).append("phone", v.phone()).append("email", v.email())
                .append("channels", v.channels()).append("language", v.language()).append("note", v.note());
    }

    private static Contact contact(Document d) {
        return new Contact(d.getObjectId("_id").toHexString(), d.getString("owner_id"), d.getString("name"),
                d.getString("phone"), d.getString("email"), d.getList("channels", String.class), d.getString("language"),
                d.getString("note"), d.getDate("created_at").toInstant());
    }
}
