package io.screamguard.server.events;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.screamguard.server.store.MongoConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log: writes events to MongoDB, falls back to the durable spool when the database is
 * unreachable, drains the spool when it returns (exactly once, by client-side ids), and answers
 * the list, detail and statistics queries.
 *
 * <p>Never blocks a caller for long: the driver's timeouts are short, and once a write has failed
 * the log knows the database is down and spools directly until the background check (every
 * SPOOL_RETRY_SECONDS) sees it answer again. Queries fail fast with {@link EventStoreUnavailable}
 * while it is down. Thread-safe.
 */
public final class EventLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
    private static final JsonWriterSettings SPOOL_JSON = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final int DRAIN_BATCH = 200;
    /**
     * The events that count once per detection decision: uploads and live incidents. A live
     * session's summary repeats its incidents (is_scream is true when it had any), so statistics
     * and the verdict filter leave it out unless asked for by type.
     */
    static final Bson COUNTED_TYPES = Filters.in("type", EventType.UPLOAD.wireName(), EventType.LIVE_INCIDENT.wireName());
    /** Newest first; events of the same instant by id, newest first, so pages neither repeat nor skip. */
    static final Bson NEWEST_FIRST = Sorts.orderBy(Sorts.descending("timestamp"), Sorts.descending("_id"));
    /** Events queued for the writer thread before callers write synchronously. */
    static final int MAX_PENDING_WRITES = 10_000;

    private final MongoClient client;
    private final MongoCollection<Document> events;
    private final EventSpool spool;
    private final Duration retry;
    private final ScheduledExecutorService background;
    private final java.util.concurrent.ThreadPoolExecutor writer;
    private final AtomicBoolean up = new AtomicBoolean(true);
    /** The database has answered a ping at least once (readiness is checked, never assumed). */
    private final AtomicBoolean reached = new AtomicBoolean();
    private final AtomicBoolean indexesReady = new AtomicBoolean(false);
    private final AtomicBoolean closed = new AtomicBoolean(false);
    private final Counter written;
    private final Counter spooled;
    private final Counter setAside;
    private final Counter lost;
    private final io.micrometer.core.instrument.Timer writeTime;
    private final String description;

    private EventLog(MongoClient client, String database, Path spoolFile, long spoolMaxBytes, Duration retry,
                     MeterRegistry registry, String description) {
        this.client = client;
        MongoDatabase db = client.getDatabase(database);
        this.events = db.getCollection("events");
        this.spool = new EventSpool(spoolFile, spoolMaxBytes);
        this.retry = retry;
        this.description = description;
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "event-log-check");
            t.setDaemon(true);
            return t;
        });
        // One writer thread; when MAX_PENDING_WRITES are waiting the caller writes itself (backpressure),
        // and after close() the caller writes too (CallerRunsPolicy would silently discard the task).
        this.writer = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(MAX_PENDING_WRITES), r -> {
                    Thread t = new Thread(r, "event-log-writer");
                    t.setDaemon(true);
                    return t;
                }, (task, pool) -> task.run()); // full or shut down: write (or spool) on the caller, never discard
        this.written = Counter.builder("screamguard_events_written").description("event documents written to MongoDB")
                .register(registry);
        this.spooled = Counter.builder("screamguard_events_spooled").description("event documents spooled while MongoDB was down")
                .register(registry);
        this.setAside = Counter.builder("screamguard_events_set_aside")
                .description("event documents that can never be written, moved to the spool's .bad.jsonl side file")
                .register(registry);
        this.lost = Counter.builder("screamguard_events_lost")
                .description("event documents lost: the database was down and the spool could not be written (disk full,"
                        + " SPOOL_MAX_BYTES reached)")
                .register(registry);
        this.writeTime = io.micrometer.core.instrument.Timer.builder("screamguard_event_write")
                .description("time to write one event document (insert, or spool append when the database is down)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        Gauge.builder("screamguard_spool_depth", spool, EventSpool::depth)
                .description("event documents waiting in the spool").register(registry);
        Gauge.builder("screamguard_database_up", up, b -> b.get() ? 1 : 0)
                .description("1 when the event database answers").register(registry);
    }

    /**
     * Connects (lazily: the driver connects in the background) and starts the spool drainer.
     *
     * @param uri           MongoDB connection string
     * @param database      database name
     * @param timeoutMillis server-selection, connect and read timeout
     * @param spoolFile     the spool file (created when missing)
     * @param retry         how often to check the database and drain the spool
     * @param registry      where the log's meters go
     * @param description   "embedded ..." or "external ...", for /health
     */
    public static EventLog open(String uri, String database, int timeoutMillis, Path spoolFile, Duration retry,
                                MeterRegistry registry, String description) {
        return open(uri, database, timeoutMillis, spoolFile, EventSpool.NO_LIMIT, retry, registry, description);
    }

    /**
     * As above, with a largest spool size.
     *
     * @param spoolMaxBytes the spool file is not grown beyond this (SPOOL_MAX_BYTES)
     */
    public static EventLog open(String uri, String database, int timeoutMillis, Path spoolFile, long spoolMaxBytes,
                                Duration retry, MeterRegistry registry, String description) {
        MongoClient client = MongoClients.create(MongoConnection.settings(uri, timeoutMillis));
        try {
            EventLog log = new EventLog(client, database, spoolFile, spoolMaxBytes, retry, registry, description);
            log.start();
            return log;
        } catch (RuntimeException | Error e) {
            client.close(); // e.g. the spool directory is not writable: do not leak the driver's threads
            throw e;
        }
    }

    private void start() {
        background.execute(this::checkAndDrain);
        long periodMillis = Math.max(50, retry.toMillis());
        background.scheduleWithFixedDelay(this::checkAndDrain, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        if (spool.depth() > 0) {
            LOG.info("{} event(s) wait in the spool {}; they are written when the database answers",
                    spool.depth(), spool.file().toAbsolutePath());
        }
    }

    /** A fresh event id (24 hex digits), assigned before any write. */
    static ObjectId newId() {
        return new ObjectId();
    }

    /** True when the text is a well-formed event id (24 hex digits). */
    public static boolean isValidId(String id) {
        return id != null && ObjectId.isValid(id);
    }

    /**
     * Logs an event now: writes it to MongoDB or, when the database is down, to the spool.
     *
     * @return the event id
     * (When the database is down and the spool cannot be written, the event is lost: logged at
     * ERROR and counted in {@code screamguard_events_lost_total}; the caller goes on.)
     */
    public String record(EventRecord event) {
        ObjectId id = newId();
        store(EventDocuments.toDocument(id, event));
        return id.toHexString();
    }

    /**
     * Logs an event on the writer thread, so the caller (an upload request, a live stream worker)
     * never waits for the database. The id is returned at once; the document is readable a few
     * milliseconds later (see {@link #awaitWrites}). When {@value #MAX_PENDING_WRITES} writes are
     * pending the caller writes synchronously instead.
     */
    public String recordLater(EventRecord event) {
        return recordLater(newId().toHexString(), event);
    }

    /**
     * {@link #recordLater(EventRecord)} under an id taken before with {@link #newEventId()} (a live
     * incident's id is known, and named in its alert countdown, before the incident ends).
     *
     * @throws IllegalArgumentException when the id is not 24 hex digits
     */
    public String recordLater(String id, EventRecord event) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("event id must be 24 hexadecimal digits, got '" + id + "'");
        }
        Document doc = EventDocuments.toDocument(new ObjectId(id), event);
        writer.execute(new PendingWrite(doc)); // runs on the caller when the queue is full or the log is closed
        return id;
    }

    /** A fresh event id (24 hex digits) for {@link #recordLater(String, EventRecord)}. */
    public static String newEventId() {
        return newId().toHexString();
    }

    /** A queued write; close() spools the ones still queued. */
    private final class PendingWrite implements Runnable {
        final Document doc;

        PendingWrite(Document doc) {
            this.doc = doc;
        }

        @Override
        public void run() {
            store(doc);
        }
    }

    private void store(Document doc) {
        long t0 = System.nanoTime();
        try {
            storeNow(doc);
        } finally {
            writeTime.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        }
    }

    private void storeNow(Document doc) {
        if (up.get() && !closed.get()) {
            try {
                insertIgnoringDuplicate(doc);
                written.increment();
                return;
            } catch (MongoException | org.bson.BSONException e) {
                if (isRejection(e)) {
                    setAsideRejected(doc, e);
                    return;
                }
                markDown((MongoException) e);
            } catch (IllegalStateException e) {
                // the client was closed under us (shutdown): spool, the next start writes it
            }
        }
        spoolNow(doc);
    }

    private void spoolNow(Document doc) {
        String line = doc.toJson(SPOOL_JSON);
        try {
            try {
                spool.append(line);
            } catch (java.nio.channels.ClosedByInterruptException interrupted) {
                // the writer was interrupted (close gave up waiting): write it anyway, then keep the interrupt
                Thread.interrupted();
                try {
                    spool.append(line);
                } finally {
                    Thread.currentThread().interrupt();
                }
            }
            spooled.increment();
        } catch (IOException e) {
            // a full disk must not stop scoring or answering: the event is lost, loudly
            lost.increment();
            LOG.error("event {} is LOST: the database is down and the spool {} cannot be written ({}); free disk"
                            + " space or raise SPOOL_MAX_BYTES (screamguard_events_lost_total counts these)",
                    doc.get("_id"), spool.file().toAbsolutePath(), e.getMessage());
        }
    }

    private void insertIgnoringDuplicate(Document doc) {
        try {
            events.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Written before (e.g. a timed-out insert that did land, or a replay): exactly once.
        }
    }

    /**
     * True when the database (or the driver's encoder) refused this document, so retrying cannot
     * help: a write error other than a duplicate key (those are ignored as already written), or a
     * document that cannot be encoded. Every other driver error (timeouts, sockets, not primary,
     * interrupted, ...) is a connectivity problem: the database is marked down and the document
     * is spooled for a retry.
     */
    static boolean isRejection(RuntimeException e) {
        if (e instanceof MongoWriteException w) {
            return w.getError().getCategory() != ErrorCategory.DUPLICATE_KEY;
        }
        return !(e instanceof MongoException);
    }

    private void setAsideRejected(Document doc, RuntimeException e) {
        String json;
        try {
            json = doc.toJson(SPOOL_JSON);
        } catch (RuntimeException encoding) {
            json = String.valueOf(doc);
        }
        try {
            setAside(json, "the database refused it (" + e.getMessage() + ")");
        } catch (IOException io) {
            LOG.error("event {} is LOST: the database refused it ({}) and {} cannot be written: {}", doc.get("_id"),
                    e.getMessage(), spool.badFile().toAbsolutePath(), io.getMessage());
        }
    }

    private void markDown(MongoException e) {
        if (up.getAndSet(false)) {
            LOG.warn("event database unreachable ({}); spooling events to {}", e.getMessage(),
                    spool.file().toAbsolutePath());
        }
    }

    /** One round of the background check: ping, create indexes if pending, drain the spool. */
    void checkAndDrain() {
        try {
            client.getDatabase(events.getNamespace().getDatabaseName()).runCommand(new Document("ping", 1));
            if (!indexesReady.get()) {
                events.createIndex(Indexes.descending("timestamp"), new IndexOptions().name("timestamp_desc"));
                events.createIndex(Indexes.ascending("user_id"), new IndexOptions().name("user_id"));
                indexesReady.set(true);
            }
            if (!up.getAndSet(true)) {
                LOG.info("event database answers again");
            }
            reached.set(true);
            drainSpool();
        } catch (MongoException e) {
            markDown(e);
        } catch (IOException e) {
            LOG.error("cannot read the event spool {}: {}", spool.file().toAbsolutePath(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("event log background check failed", e);
        }
    }

    private void drainSpool() throws IOException {
        while (spool.depth() > 0) {
            List<String> batch = spool.oldest(DRAIN_BATCH);
            int done = 0;
            try {
                for (String line : batch) {
                    Document doc;
                    try {
                        doc = Document.parse(line);
                    } catch (RuntimeException e) {
                        setAside(line, "it is not a valid JSON document (" + e.getMessage() + ")");
                        done++;
                        continue;
                    }
                    try {
                        insertIgnoringDuplicate(doc);
                        written.increment();
                    } catch (MongoException | org.bson.BSONException e) {
                        if (!isRejection(e)) {
                            throw e; // connectivity: keep the entry, mark the database down, retry later
                        }
                        setAside(line, "the database refused it (" + e.getMessage() + ")");
                    }
                    done++;
                }
            } finally {
                spool.removeOldest(done);
            }
            LOG.info("wrote {} spooled event(s); {} left", done, spool.depth());
        }
    }

    /** Moves a spool entry that can never be written to the side file, with an ERROR naming why. */
    private void setAside(String line, String why) throws IOException {
        spool.setAside(line);
        setAside.increment();
        String head = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        LOG.error("spooled event set aside in {} because {}: {}", spool.badFile().toAbsolutePath(), why, head);
    }

    /**
     * Waits until every event recorded before this call has been written or spooled.
     *
     * @return false when the timeout passed first
     */
    public boolean awaitWrites(Duration timeout) {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        try {
            writer.execute(done::countDown);
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True when the last contact with the database succeeded. */
    public boolean databaseUp() {
        return up.get();
    }

    /**
     * True when the database has answered the background check and the last contact succeeded:
     * false from the start until the first ping is answered, whatever the writes assume meanwhile.
     */
    public boolean databaseReady() {
        return reached.get() && up.get();
    }

    /** "embedded" or "external": the kind of store, without its address or file (safe to show). */
    public String kind() {
        return description.startsWith("embedded") ? "embedded" : "external";
    }

    /** Events waiting in the spool. */
    public int spoolDepth() {
        return spool.depth();
    }

    /** "embedded ..." or "external ...", for logs and /health. */
    public String description() {
        return description;
    }

    /**
     * One page of events, newest first. With a verdict filter and no type, only uploads and live
     * incidents match (see {@link #COUNTED_TYPES}).
     */
    public EventPage list(EventQuery q) {
        requireUp();
        Bson filter = filter(q);
        try {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Document d : events.find(filter).sort(NEWEST_FIRST)
                    .skip(q.page() * q.size()).limit(q.size())) {
                items.add(EventDocuments.toJsonMap(d));
            }
            return new EventPage(items, q.page(), q.size(), events.countDocuments(filter));
        } catch (MongoException e) {
            markDown(e);
            throw unavailable(e);
        }
    }

    /**
     * One event by id.
     *
     * @throws IllegalArgumentException when the id is not 24 hex digits
     */
    public Optional<Map<String, Object>> find(String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("event id must be 24 hexadecimal digits, got '" + id + "'");
        }
        requireUp();
        try {
            Document d = events.find(Filters.eq("_id", new ObjectId(id))).first();
            return Optional.ofNullable(d).map(EventDocuments::toJsonMap);
        } catch (MongoException e) {
            markDown(e);
            throw unavailable(e);
        }
    }

    /**
     * Counts by UTC day and verdict: of uploads and live incidents, or of the one event type given
     * (e.g. live_session); of one user's events, or everyone's when {@code userId} is empty.
     * Session summaries are left out by default because a live scream is already counted by its
     * incident event.
     */
    public EventStats stats(Optional<EventType> type, Optional<String> userId) {
        requireUp();
        List<Bson> pipeline = new ArrayList<>();
        Bson byType = type.map(t -> Filters.eq("type", t.wireName())).orElse(COUNTED_TYPES);
        pipeline.add(new Document("$match", userId.map(u -> Filters.and(byType, Filters.eq("user_id", u))).orElse(byType)));
        pipeline.add(new Document("$group", new Document("_id",
                new Document("day", new Document("$dateToString",
                        new Document("format", "%Y-%m-%d").append("date", "$timestamp")))
                        .append("scream", "$is_scream"))
                .append("count", new Document("$sum", 1))));
        try {
            Map<String, long[]> byDay = new TreeMap<>();
            for (Document d : events.aggregate(pipeline)) {
                Document key = d.get("_id", Document.class);
                long[] counts = byDay.computeIfAbsent(key.getString("day"), k -> new long[2]);
                counts[Boolean.TRUE.equals(key.getBoolean("scream")) ? 0 : 1] += ((Number) d.get("count")).longValue();
            }
            List<EventStats.DayCount> days = new ArrayList<>();
            long screams = 0;
            long quiet = 0;
            for (Map.Entry<String, long[]> e : byDay.entrySet()) {
                long[] c = e.getValue();
                days.add(new EventStats.DayCount(e.getKey(), c[0], c[1], c[0] + c[1]));
                screams += c[0];
                quiet += c[1];
            }
            return new EventStats(days, screams + quiet, screams, quiet);
        } catch (MongoException e) {
            markDown(e);
            throw unavailable(e);
        }
    }

    /**
     * Every event of a user, newest first, as the API shows them (the person's data export).
     *
     * @throws EventStoreUnavailable while the database is down
     */
    public List<Map<String, Object>> allOf(String userId) {
        requireUp();
        try {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Document d : events.find(Filters.eq("user_id", userId)).sort(NEWEST_FIRST)) {
                items.add(EventDocuments.toJsonMap(d));
            }
            return items;
        } catch (MongoException e) {
            markDown(e);
            throw unavailable(e);
        }
    }

    /**
     * Deletes every event of a user (account deletion). Events still pending or spooled for the
     * user are written later and are not deleted: the account is gone, so nobody can read them but
     * an admin.
     *
     * @return the number deleted
     * @throws EventStoreUnavailable while the database is down
     */
    public long deleteAllOf(String userId) {
        requireUp();
        awaitWrites(Duration.ofSeconds(5));
        try {
            return events.deleteMany(Filters.eq("user_id", userId)).getDeletedCount();
        } catch (MongoException e) {
            markDown(e);
            throw unavailable(e);
        }
    }

    private static Bson filter(EventQuery q) {
        Optional<Boolean> scream = q.scream();
        Optional<EventType> type = q.type();
        List<Bson> parts = new ArrayList<>();
        q.userId().ifPresent(u -> parts.add(Filters.eq("user_id", u)));
        q.from().ifPresent(f -> parts.add(Filters.gte("timestamp", Date.from(f))));
        q.to().ifPresent(t -> parts.add(Filters.lt("timestamp", Date.from(t))));
        scream.ifPresent(s -> parts.add(Filters.eq("is_scream", s)));
        type.ifPresent(t -> parts.add(Filters.eq("type", t.wireName())));
        if (scream.isPresent() && type.isEmpty()) {
            parts.add(COUNTED_TYPES); // a live scream is one incident, not also its session's summary
        }
        return parts.isEmpty() ? new Document() : Filters.and(parts);
    }

    private void requireUp() {
        if (!up.get()) {
            throw new EventStoreUnavailable("the event database is unreachable; events are being spooled ("
                    + spool.depth() + " waiting) and queries work again when it returns", null);
        }
    }

    private static EventStoreUnavailable unavailable(MongoException e) {
        return new EventStoreUnavailable("the event database did not answer: " + e.getMessage(), e);
    }

    /**
     * Finishes pending writes (up to 5 s; writes still queued then go to the spool), stops the
     * background check and closes the client. Events recorded after this are spooled on the
     * caller's thread and written by the next start.
     */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /** {@link #close()} with a given wait for the pending writes. */
    void close(Duration pendingWritesWait) {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(pendingWritesWait.toMillis(), TimeUnit.MILLISECONDS)) {
                spoolUnfinished(writer.shutdownNow());
            }
        } catch (InterruptedException e) {
            spoolUnfinished(writer.shutdownNow());
            Thread.currentThread().interrupt();
        }
        closed.set(true);
        background.shutdown();
        try {
            if (!background.awaitTermination(5, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }

    private void spoolUnfinished(List<Runnable> unfinished) {
        int count = 0;
        for (Runnable task : unfinished) {
            if (task instanceof PendingWrite w) {
                spoolNow(w.doc);
                count++;
            }
        }
        if (count > 0) {
            LOG.warn("{} event write(s) still pending at shutdown were spooled to {}; the next start writes them",
                    count, spool.file().toAbsolutePath());
        }
    }

    /** Runs a task on the writer thread (tests: to hold the writer busy). */
    void onWriterThread(Runnable task) {
        writer.execute(task);
    }
}
