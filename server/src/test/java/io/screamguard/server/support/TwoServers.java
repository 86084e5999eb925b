package io.screamguard.server.support;

import io.screamguard.server.config.Setting;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Two whole apps in this process on one database, as two instances behind a load balancer: the
 * first runs the embedded store on a fixed port, the second reaches it through MONGODB_URI. Each
 * has its own HTTP port, data directory (spool) and dispatcher.
 */
public final class TwoServers implements AutoCloseable {
    /** The instance that holds the embedded store. */
    public final AppHarness first;
    /** The instance that reaches the first's store through its port. */
    public final AppHarness second;
    /** MONGODB_URI of the shared store. */
    public final String mongodbUri;

    private TwoServers(AppHarness first, AppHarness second, String mongodbUri) {
        this.first = first;
        this.second = second;
        this.mongodbUri = mongodbUri;
    }

    /** Starts both with the same settings (PORT is chosen per instance), the first signed in as the admin. */
    public static TwoServers start(Path dir, Map<Setting, String> settings) throws Exception {
        int storePort = freePort();
        Map<Setting, String> one = new EnumMap<>(Setting.class);
        one.putAll(settings);
        one.put(Setting.EMBEDDED_MONGODB_PORT, Integer.toString(storePort));
        AppHarness first = AppHarness.start(dir.resolve("instance-1"), one);
        try {
            return new TwoServers(first, startSecond(dir, settings, storePort), "mongodb://127.0.0.1:" + storePort);
        } catch (RuntimeException | Error e) {
            first.close();
            throw e;
        }
    }

    /** The second instance alone (a test may start it later), on the first's store port. */
    public static AppHarness startSecond(Path dir, Map<Setting, String> settings, int storePort) {
        Map<Setting, String> two = new EnumMap<>(Setting.class);
        two.putAll(settings);
        two.put(Setting.MONGODB_URI, "mongodb://127.0.0.1:" + storePort);
        return AppHarness.start(dir.resolve("instance-2"), two);
    }

    /** A free TCP port on 127.0.0.1 (for settings that need a port before the server starts). */
    public static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            second.close();
        } finally {
            first.close();
        }
    }
}
