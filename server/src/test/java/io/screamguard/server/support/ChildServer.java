package io.screamguard.server.support;

import io.screamguard.server.ServerApp;
import io.screamguard.server.ServerDependencies;
import io.screamguard.server.config.ServerConfig;
import io.screamguard.server.config.Setting;
import io.screamguard.server.location.OfflineIpLocator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The whole app in a process of its own (the test classpath, the fake scorer, settings as
 * {@code NAME=value} arguments), so a test can kill it with SIGKILL: nothing of it runs after
 * the kill, no shutdown hook, no close. {@link #main} prints {@code LISTENING <port>} once it serves.
 */
public final class ChildServer implements AutoCloseable {
    private final Process process;
    public final int port;

    private ChildServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** In the child: starts the app and serves until killed. */
    public static void main(String[] args) throws Exception {
        // the server's own INFO lines (sends, leases, spool) in the child's log, for a failed run
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.screamguard"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        for (String a : args) {
            int eq = a.indexOf('=');
            settings.put(Setting.valueOf(a.substring(0, eq)), a.substring(eq + 1));
        }
        ServerApp app = ServerApp.create(ServerConfig.of(settings), new ServerDependencies(new FakeScoring(600),
                OfflineIpLocator.empty(), java.time.Clock.systemUTC(), AppHarness.TEST_BCRYPT_COST)).start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        System.out.println("LISTENING " + app.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    /**
     * Starts a child on the test classpath and waits (up to 60 s) until it listens; its output goes
     * to {@code log}.
     */
    public static ChildServer start(Map<Setting, String> settings, Path log) throws IOException, InterruptedException {
        Map<Setting, String> all = new EnumMap<>(Setting.class);
        all.put(Setting.PORT, "0");
        all.put(Setting.HOST, "127.0.0.1");
        all.put(Setting.MONGODB_TIMEOUT_MS, "500");
        all.put(Setting.SPOOL_RETRY_SECONDS, "0.2");
        all.put(Setting.STREAM_WORKERS, "2");
        all.put(Setting.LOGIN_ATTEMPTS_PER_IP, "1000");
        all.put(Setting.LOGIN_ATTEMPTS_PER_ACCOUNT, "1000");
        all.putAll(settings);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ChildServer.class.getName()));
        all.forEach((k, v) -> cmd.add(k.name() + "=" + v));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Files.createDirectories(log.toAbsolutePath().getParent());
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                         java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("LISTENING ")) {
                        port.complete(Integer.parseInt(line.substring("LISTENING ".length()).trim()));
                    }
                    out.write(line);
                    out.newLine();
                    out.flush();
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("the child server exited: see " + log));
        }, "child-server-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new ChildServer(p, port.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("the child server did not start: " + e.getMessage() + "; log " + log, e);
        }
    }

    /** A client of nobody on this child. */
    public ApiClient anonymous() {
        return ApiClient.anonymousAt("http://127.0.0.1:" + port, null);
    }

    /** SIGKILL (no shutdown hook runs), and waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the child server did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** Waits on a condition (generous timeout, for a loaded machine). */
    public static void await(java.util.function.BooleanSupplier condition, String what, Duration timeout)
            throws InterruptedException {
        await(condition, what, timeout, () -> "");
    }

    /** As above, with what the failure message should also say. */
    public static void await(java.util.function.BooleanSupplier condition, String what, Duration timeout,
                             java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " " + state.get());
            }
            Thread.sleep(50);
        }
    }
}
