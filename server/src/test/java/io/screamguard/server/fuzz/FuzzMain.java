package io.screamguard.server.fuzz;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The fuzz command: {@code FuzzMain --url http://127.0.0.1:8080 --cases 10000 --seed 1 --email
 * admin@example.org} (the password from {@code SCREAMGUARD_PASSWORD}; on a server without accounts
 * the first account is registered with them). Prints the status counts and every failing case,
 * then checks that {@code /health} still answers; exits 1 when a case failed or the server is gone.
 * Point it at a test server: it creates contacts and changes the admin settings it is allowed to.
 */
public final class FuzzMain {
    private FuzzMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = options(args);
        URI url = URI.create(a.getOrDefault("--url", "http://127.0.0.1:8080"));
        int cases = Integer.parseInt(a.getOrDefault("--cases", "10000"));
        long seed = Long.parseLong(a.getOrDefault("--seed", "1"));
        String email = a.getOrDefault("--email", "fuzz-admin@example.org");
        String password = System.getenv().getOrDefault("SCREAMGUARD_PASSWORD", "fuzzing password 123");
        String cookie = signIn(url, email, password);
        Fuzzer fuzzer = new Fuzzer(url.getHost(), url.getPort(), cookie, seed);
        long t0 = System.nanoTime();
        Fuzzer.Result result = fuzzer.run(0, cases, i -> {
            if ((i + 1) % 1000 == 0) {
                System.err.printf("%d cases, %.0f s%n", i + 1, (System.nanoTime() - t0) / 1e9);
            }
        });
        System.out.printf("fuzz: %d cases, seed %d, %.0f s against %s%n", result.cases(), seed,
                (System.nanoTime() - t0) / 1e9, url);
        result.counts().forEach((k, v) -> System.out.printf("  %-34s %6d%n", k, v));
        result.failures().forEach(f -> System.out.println("FAIL " + f));
        int health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        System.out.println("GET /health after the run: " + health);
        System.out.println(result.failures().isEmpty() && health == 200 ? "no 5xx, server alive" : "FAILED");
        System.exit(result.failures().isEmpty() && health == 200 ? 0 : 1);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            out.put(args[i], args[i + 1]);
        }
        return out;
    }

    /** Signs in (registering the first account on an empty server) and returns the session cookie. */
    public static String signIn(URI url, String email, String password) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
        HttpResponse<String> status = http.send(HttpRequest.newBuilder(url.resolve("/api/auth/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        String path = status.body().contains("\"setup_required\":true") ? "/api/auth/register" : "/api/auth/login";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(credentials)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body()
                    + " (set --email and SCREAMGUARD_PASSWORD to an admin account)");
        }
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("screamguard_session="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException(path + " set no session cookie"));
    }
}
