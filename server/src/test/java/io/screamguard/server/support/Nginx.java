package io.screamguard.server.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real nginx (Debian's package) run by a test as a child process: its own configuration, error
 * log, pid file and temporary directories in a test directory, listening on free ports of
 * 127.0.0.1, so it needs no root and touches nothing of the machine's nginx.
 */
public final class Nginx implements AutoCloseable {
    private final Process process;
    private final Path dir;

    private Nginx(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /** The nginx binary: /usr/sbin/nginx, or the first on PATH; null when none is installed. */
    public static Path binary() {
        Path debian = Path.of("/usr/sbin/nginx");
        if (Files.isExecutable(debian)) {
            return debian;
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, "nginx");
            if (!d.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The shipped configuration (deploy/nginx/screamguard.conf) as a test runs it: the same file
     * with only the listen addresses, the upstream servers and the certificate paths replaced.
     * Each replacement must match the shipped file exactly as often as expected, so a change to the
     * shipped file that the test does not cover fails here instead of going untested.
     */
    public static String deriveFromShipped(String shipped, int httpPort, int httpsPort, List<Integer> upstreamPorts,
                                           Path certificate, Path key) {
        String s = shipped;
        s = replaceExactly(s, "(?m)^\\s*listen \\[::\\]:80;\\n", "", 1);
        s = replaceExactly(s, "(?m)^\\s*listen \\[::\\]:443 ssl;\\n", "", 1);
        s = replaceExactly(s, "listen 80;", "listen 127.0.0.1:" + httpPort + ";", 1);
        s = replaceExactly(s, "listen 443 ssl;", "listen 127.0.0.1:" + httpsPort + " ssl;", 1);
        s = replaceExactly(s, "ssl_certificate +/etc/ssl/screamguard/fullchain\\.pem;",
                "ssl_certificate " + certificate.toAbsolutePath() + ";", 1);
        s = replaceExactly(s, "ssl_certificate_key /etc/ssl/screamguard/privkey\\.pem;",
                "ssl_certificate_key " + key.toAbsolutePath() + ";", 1);
        Matcher m = Pattern.compile("server 127\\.0\\.0\\.1:(8081|8082)( [^;]*)?;").matcher(s);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (m.find()) {
            if (i >= upstreamPorts.size()) {
                throw new IllegalStateException("the shipped upstream lists more servers than the test started");
            }
            m.appendReplacement(out, Matcher.quoteReplacement("server 127.0.0.1:" + upstreamPorts.get(i++)
                    + (m.group(2) == null ? "" : m.group(2)) + ";"));
        }
        m.appendTail(out);
        if (i != upstreamPorts.size()) {
            throw new IllegalStateException("the shipped upstream lists " + i + " servers 127.0.0.1:8081/8082, the test "
                    + "expects " + upstreamPorts.size());
        }
        return out.toString();
    }

    private static String replaceExactly(String text, String regex, String replacement, int times) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        if (n != times) {
            throw new IllegalStateException("the shipped nginx configuration should contain /" + regex + "/ " + times
                    + " time(s), found " + n + ": update Nginx.deriveFromShipped with it");
        }
        return m.replaceAll(Matcher.quoteReplacement(replacement));
    }

    /**
     * Checks ({@code nginx -t}) and starts nginx in the foreground with {@code httpContent} inside
     * its http block; returns once {@code port} accepts connections.
     */
    public static Nginx start(Path dir, String httpContent, int port) throws IOException, InterruptedException {
        Path bin = binary();
        if (bin == null) {
            throw new IllegalStateException("nginx is not installed: apt-get install nginx");
        }
        Files.createDirectories(dir.resolve("logs"));
        String d = dir.toAbsolutePath().toString();
        boolean root = "root".equals(System.getProperty("user.name"));
        String conf = (root ? "user root;\n" : "") // as root the workers would run as nobody and not reach the test dir
                + "worker_processes 1;\ndaemon off;\nerror_log " + d + "/logs/error.log info;\npid " + d + "/nginx.pid;\n"
                + "events { worker_connections 256; }\n"
                + "http {\n"
                + "    access_log " + d + "/logs/access.log;\n"
                + "    client_body_temp_path " + d + "/client_body;\n    proxy_temp_path " + d + "/proxy;\n"
                + "    fastcgi_temp_path " + d + "/fastcgi;\n    uwsgi_temp_path " + d + "/uwsgi;\n"
                + "    scgi_temp_path " + d + "/scgi;\n"
                + httpContent + "\n}\n";
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf, StandardCharsets.UTF_8);
        List<String> base = List.of(bin.toString(), "-p", d + "/", "-c", file.toAbsolutePath().toString(),
                "-e", d + "/logs/error.log");
        Process test = new ProcessBuilder(concat(base, "-t")).redirectErrorStream(true).start();
        String testOut = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!test.waitFor(30, TimeUnit.SECONDS) || test.exitValue() != 0) {
            throw new IllegalStateException("nginx -t refused the configuration " + file + ":\n" + testOut + "\n" + conf);
        }
        Process p = new ProcessBuilder(base).redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs").resolve("stdout.log").toFile()).start();
        Nginx nginx = new Nginx(p, dir);
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return nginx;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                    nginx.close();
                    throw new IllegalStateException("nginx did not start listening on " + port + ":\n" + nginx.errorLog());
                }
                Thread.sleep(50);
            }
        }
    }

    private static List<String> concat(List<String> base, String arg) {
        List<String> all = new java.util.ArrayList<>(base);
        all.add(arg);
        return all;
    }

    /** The error log so far (for failure messages). */
    public String errorLog() {
        try {
            return Files.readString(dir.resolve("logs").resolve("error.log"));
        } catch (IOException e) {
            return "(no error log: " + e.getMessage() + ")";
        }
    }

    /** Stops nginx (SIGTERM: fast shutdown) and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
