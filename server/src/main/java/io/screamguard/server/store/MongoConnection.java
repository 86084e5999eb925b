package io.screamguard.server.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * One MongoDB client and database for the account, contact, settings and audit collections.
 * Thread-safe (the driver's client is).
 */
public final class MongoConnection implements AutoCloseable {
    private final MongoClient client;
    private final String database;

    private MongoConnection(MongoClient client, String database) {
        this.client = client;
        this.database = database;
    }

    /**
     * Connects lazily (the driver connects in the background).
     *
     * @param uri           connection string
     * @param database      database name
     * @param timeoutMillis server-selection, connect and read timeout
     */
    public static MongoConnection open(String uri, String database, int timeoutMillis) {
        return new MongoConnection(MongoClients.create(settings(uri, timeoutMillis)), database);
    }

    /** The driver settings every client of the server uses: short timeouts so a dead database fails fast. */
    public static MongoClientSettings settings(String uri, int timeoutMillis) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(timeoutMillis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                        .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS))
                .applyToServerSettings(b -> b.heartbeatFrequency(1000, TimeUnit.MILLISECONDS)
                        .minHeartbeatFrequency(100, TimeUnit.MILLISECONDS))
                .build();
    }

    /** The database itself (GridFS buckets need it). */
    public com.mongodb.client.MongoDatabase database() {
        return client.getDatabase(database);
    }

    /** A collection of the database, by name (e.g. {@code users}). */
    public MongoCollection<Document> collection(String name) {
        return client.getDatabase(database).getCollection(name);
    }

    /**
     * Runs a database call, turning the driver's connectivity failures (timeouts, refused
     * connections, ...) into {@link StoreUnavailable}. Write errors (a duplicate key) are
     * {@link com.mongodb.MongoWriteException}s and pass through for the store to handle.
     *
     * @param what what is being done, for the message ("reading the session")
     */
    public static <T> T call(String what, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (com.mongodb.MongoWriteException e) {
            throw e;
        } catch (com.mongodb.MongoException e) {
            throw new StoreUnavailable(what, e);
        }
    }

    /** {@link #call} for an action without a result. */
    public static void run(String what, Runnable action) {
        call(what, () -> {
            action.run();
            return null;
        });
    }

    @Override
    public void close() {
        client.close();
    }
}
