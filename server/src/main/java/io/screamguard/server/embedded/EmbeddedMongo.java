package io.screamguard.server.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server in this process, storing its data in one H2 file. It binds to
 * 127.0.0.1 only and has no authentication. Closing it shuts the server down and closes the H2
 * file cleanly, so a new instance on the same file sees every committed document. H2 commits its
 * file in the background about once a second; this class commits every {@link #COMMIT_EVERY_MILLIS}
 * so that a process killed outright (SIGKILL, power loss) loses at most that much of the last writes.
 */
public final class EmbeddedMongo implements AutoCloseable {
    /** How often the H2 file is committed. */
    static final long COMMIT_EVERY_MILLIS = 100;
    private final MongoServer server;
    private final java.util.concurrent.ScheduledExecutorService committer;
    private final Path file;
    private final String connectionString;

    private EmbeddedMongo(MongoServer server, Path file, String connectionString,
                          java.util.concurrent.ScheduledExecutorService committer) {
        this.committer = committer;
        this.server = server;
        this.file = file;
        this.connectionString = connectionString;
    }

    /**
     * Starts a server on the H2 file.
     *
     * @param h2File the store file (created with its directory when missing)
     * @param port   TCP port on 127.0.0.1, 0 = any free port
     */
    public static EmbeddedMongo start(Path h2File, int port) {
        Path dir = h2File.toAbsolutePath().getParent();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                ownerOnly(dir, "rwx------"); // a directory this creates is the owner's only
            }
            if (!Files.exists(h2File)) {
                Files.createFile(h2File);
                ownerOnly(h2File, "rw-------"); // created owner-only before H2 writes a byte into it
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory for " + h2File.toAbsolutePath()
                    + ": " + e.getMessage() + "; set DATA_DIR to a writable directory", e);
        }
        H2Backend backend = new H2Backend(h2File.toAbsolutePath().toString());
        MongoServer server = new MongoServer(backend);
        try {
            ownerOnly(h2File, "rw-------"); // also an existing store, and whatever H2 wrote
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(EmbeddedMongo.class).warn("cannot make {} owner-only: {}",
                    h2File.toAbsolutePath(), e.getMessage());
        }
        server.bind(new InetSocketAddress("127.0.0.1", port));
        InetSocketAddress bound = server.getLocalAddress();
        String uri = "mongodb://127.0.0.1:" + bound.getPort();
        java.util.concurrent.ScheduledExecutorService committer = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "embedded-mongo-commit");
                    t.setDaemon(true);
                    return t;
                });
        committer.scheduleWithFixedDelay(() -> {
            try {
                backend.commit();
            } catch (RuntimeException e) { // closed meanwhile, or a disk error the next write reports too
                org.slf4j.LoggerFactory.getLogger(EmbeddedMongo.class).debug("commit: {}", e.getMessage());
            }
        }, COMMIT_EVERY_MILLIS, COMMIT_EVERY_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        return new EmbeddedMongo(server, h2File, uri, committer);
    }

    /** Sets POSIX permissions where the file system has them (not on Windows). */
    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (Files.exists(path) && Files.getFileStore(path).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
        }
    }

    /** {@code mongodb://127.0.0.1:<port>} */
    public String connectionString() {
        return connectionString;
    }

    /** The TCP port it listens on. */
    public int port() {
        return server.getLocalAddress().getPort();
    }

    /** The H2 store file. */
    public Path file() {
        return file;
    }

    /** Stops accepting connections, closes clients and the H2 file. */
    @Override
    public void close() {
        committer.shutdownNow();
        try {
            committer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
    }
}
