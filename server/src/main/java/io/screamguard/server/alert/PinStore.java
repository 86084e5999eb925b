package io.screamguard.server.alert;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.screamguard.server.store.MongoConnection;
import java.util.Optional;
import org.bson.Document;

/**
 * The {@code alert_pins} collection: one document per person ({@code _id} = account id) with the
 * PBKDF2 hashes of the cancel PIN and the duress PIN ({@link Pins}). Thread-safe.
 */
final class PinStore {
    private final MongoCollection<Document> pins;

    PinStore(MongoConnection db) {
        this.pins = db.collection("alert_pins");
    }

    /** The person's hashes: [pin, duress], each null when not set; empty when neither is. */
    Optional<String[]> find(String ownerId) {
        return MongoConnection.call("reading the PINs", () -> Optional.ofNullable(pins.find(Filters.eq("_id", ownerId)).first())
                .map(d -> new String[] {d.getString("pin"), d.getString("duress")}));
    }

    void save(String ownerId, String pinHash, String duressHash) {
        MongoConnection.run("saving the PINs", () -> pins.replaceOne(Filters.eq("_id", ownerId),
                new Document("_id", ownerId).append("pin", pinHash).append("duress", duressHash),
                new ReplaceOptions().upsert(true)));
    }

    long delete(String ownerId) {
        return MongoConnection.call("deleting the PINs", () -> pins.deleteMany(Filters.eq("_id", ownerId)).getDeletedCount());
    }
}
