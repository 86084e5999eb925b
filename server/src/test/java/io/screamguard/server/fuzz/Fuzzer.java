package io.screamguard.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Seeded fuzzing of a running server: random and mutated multipart uploads, JSON bodies for the
 * account, contact, alert and admin routes, query parameters and path ids, and WebSocket hellos
 * and frames, each case reproducible from (seed, index). It counts the answers by status (and
 * WebSocket close code) and keeps the description of every case answered 5xx (but the 503s the
 * API documents as load or configuration answers, {@link #EXPECTED_503}) or closed with 1011.
 * Used by {@code FuzzTest} (a few hundred cases in the suite) and {@link FuzzMain} (the command).
 * Not thread-safe.
 */
public final class Fuzzer {
    /** 503 codes that are the API's documented answers under load or without configuration, not faults. */
    static final List<String> EXPECTED_503 = List.of("\"busy\"", "\"alerting_not_configured\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String base;
    private final String cookie;
    private final long seed;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final byte[] wav = smallWav();

    /**
     * @param host   e.g. 127.0.0.1
     * @param port   the server's port
     * @param cookie a signed-in session cookie ("name=value"), or null
     * @param seed   the seed: the same seed gives the same cases
     */
    public Fuzzer(String host, int port, String cookie, long seed) {
        this.base = "http://" + host + ":" + port;
        this.cookie = cookie;
        this.seed = seed;
    }

    /**
     * What a run found.
     *
     * @param counts   answers by kind and status ("http 400", "ws close 1008", "io error", ...)
     * @param failures descriptions of the cases answered 5xx (not {@link #EXPECTED_503}) or closed with 1011
     */
    public record Result(Map<String, Integer> counts, List<String> failures) {
        /** Total cases. */
        public int cases() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Runs cases {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param progress called after each case with its index
     */
    public Result run(int from, int to, java.util.function.IntConsumer progress) {
        Map<String, Integer> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Random rng = new Random(seed * 1_000_003L + i);
            Case c = next(rng);
            String outcome;
            try {
                outcome = c.run();
            } catch (java.io.IOException | java.util.concurrent.ExecutionException
                     | java.util.concurrent.TimeoutException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                outcome = "io error (" + cause.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            counts.merge(outcome.startsWith("fail ") ? outcome.substring(5) : outcome, 1, Integer::sum);
            if (outcome.startsWith("fail ")) {
                failures.add("case " + i + " (seed " + seed + "): " + c.description() + " -> " + outcome.substring(5));
            }
            progress.accept(i);
        }
        return new Result(counts, failures);
    }

    /** One case. */
    private interface Case {
        String run() throws java.io.IOException, InterruptedException, java.util.concurrent.ExecutionException,
                java.util.concurrent.TimeoutException;

        String description();
    }

    private Case next(Random rng) {
        int kind = rng.nextInt(100);
        if (kind < 35) {
            return multipart(rng);
        }
        if (kind < 65) {
            return json(rng);
        }
        if (kind < 90) {
            return query(rng);
        }
        return webSocket(rng);
    }

    // ---- HTTP

    private Case http(String method, String pathAndQuery, String contentType, byte[] body, String what) {
        return new Case() {
            @Override
            public String run() throws java.io.IOException, InterruptedException {
                URI uri;
                try {
                    uri = URI.create(base + pathAndQuery);
                } catch (IllegalArgumentException e) {
                    return "skipped (client cannot send the URI)";
                }
                HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                if (cookie != null) {
                    b.header("Cookie", cookie);
                }
                if (contentType != null) {
                    try {
                        b.header("Content-Type", contentType);
                    } catch (IllegalArgumentException e) {
                        return "skipped (client cannot send the header)";
                    }
                }
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                String label = "http " + r.statusCode();
                boolean expected503 = r.statusCode() == 503 && EXPECTED_503.stream().anyMatch(r.body()::contains);
                if (r.statusCode() >= 500 && !expected503) {
                    return "fail " + label + " " + abbreviate(r.body(), 300);
                }
                return label;
            }

            @Override
            public String description() {
                return method + " " + abbreviate(pathAndQuery, 200) + " [" + contentType + "] " + what + " ("
                        + (body == null ? 0 : body.length) + " bytes)";
            }
        };
    }

    private Case multipart(Random rng) {
        String boundary = rng.nextInt(10) == 0 ? randomAscii(rng, 1 + rng.nextInt(90)) : "sgFuzz" + rng.nextInt(1_000_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String[]> fields = new ArrayList<>();
        String[] names = {"latitude", "longitude", "accuracy", "alert", "file", "x"};
        for (int i = rng.nextInt(4); i > 0; i--) {
            fields.add(new String[] {pick(rng, names), randomValue(rng)});
        }
        byte[] file = switch (rng.nextInt(5)) {
            case 0 -> randomBytes(rng, rng.nextInt(4096));
            case 1 -> mutate(rng, wav.clone(), 1 + rng.nextInt(6));
            case 2 -> new byte[0];
            default -> wav;
        };
        String fileName = switch (rng.nextInt(6)) {
            case 0 -> null;
            case 1 -> randomUnicode(rng, rng.nextInt(400));
            case 2 -> "a\u0000b\r\n.wav";
            default -> "clip.wav";
        };
        Collections.shuffle(fields, rng);
        for (String[] f : fields) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + f[1]
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (rng.nextInt(8) != 0) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\""
                    + (fileName == null ? "" : "; filename=\"" + fileName + "\"")
                    + "\r\nContent-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(file);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] body = out.toByteArray();
        if (rng.nextInt(3) == 0) {
            body = mutate(rng, body, 1 + rng.nextInt(8));
        }
        String contentType = switch (rng.nextInt(10)) {
            case 0 -> "multipart/form-data";
            case 1 -> "multipart/form-data; boundary=other" + rng.nextInt(100);
            case 2 -> "multipart/form-data; boundary=\"" + boundary + "\"";
            case 3 -> randomAscii(rng, rng.nextInt(60));
            case 4 -> null;
            default -> "multipart/form-data; boundary=" + boundary;
        };
        return http("POST", "/api/analyze", contentType, body, "multipart upload");
    }

    private static final String[][] JSON_ROUTES = {
        {"POST", "/api/auth/register", "{\"email\":\"fuzz@example.org\",\"password\":\"a long enough password\",\"phone_region\":\"GB\",\"invitation\":\"abc\"}"},
        {"POST", "/api/auth/login", "{\"email\":\"fuzz@example.org\",\"password\":\"not the password\"}"},
        {"PUT", "/api/account/password", "{\"current_password\":\"not the password\",\"new_password\":\"another long password\"}"},
        {"POST", "/api/contacts", "{\"name\":\"Ann\",\"phone\":\"+15005550006\",\"email\":\"ann@example.org\",\"channels\":[\"sms\",\"email\",\"voice\"],\"language\":\"en\",\"note\":\"sister\"}"},
        {"PUT", "/api/contacts/{id}", "{\"name\":\"Ann\",\"phone\":\"+15005550006\",\"email\":\"ann@example.org\",\"channels\":[\"email\"],\"language\":\"en\",\"note\":\"\"}"},
        {"PUT", "/api/alerts/pins", "{\"pin\":\"2468\",\"duress_pin\":\"1357\"}"},
        {"PUT", "/api/alerts/sharing", "{\"share_audio\":true}"},
        {"PUT", "/api/admin/settings", "{\"threshold_probability\":0.7,\"debounce_k\":2,\"debounce_n\":3,\"quiet_rms\":0.01,\"countdown_seconds\":10,\"cooldown_seconds\":120,\"max_alerts_per_hour\":6}"},
        {"POST", "/api/admin/accounts", "{\"email\":\"new@example.org\",\"password\":\"a long enough password\",\"role\":\"person\"}"},
        {"POST", "/api/admin/invitations", "{\"email\":\"invitee@example.org\",\"role\":\"person\"}"},
        {"POST", "/api/incidents/{id}/cancel", "{\"pin\":\"1234\"}"},
        {"POST", "/api/alerts/{id}/safe", "{\"pin\":\"1234\"}"},
        {"POST", "/api/i/{id}/ack", "{\"name\":\"Bob\"}"},
    };

    private Case json(Random rng) {
        String[] route = JSON_ROUTES[rng.nextInt(JSON_ROUTES.length)];
        String path = route[1].replace("{id}", randomId(rng));
        byte[] body;
        String what;
        switch (rng.nextInt(6)) {
            case 0 -> {
                body = randomBytes(rng, rng.nextInt(300));
                what = "random bytes";
            }
            case 1 -> {
                body = mutate(rng, route[2].getBytes(StandardCharsets.UTF_8), 1 + rng.nextInt(5));
                what = "mutated text";
            }
            case 2 -> {
                int depth = 10 + rng.nextInt(3000);
                body = ("[".repeat(depth) + "]".repeat(rng.nextBoolean() ? depth : 0)).getBytes(StandardCharsets.UTF_8);
                what = "nested " + depth;
            }
            case 3 -> {
                body = randomJson(rng, 0).toString().getBytes(StandardCharsets.UTF_8);
                what = "random json";
            }
            default -> {
                body = mutateTree(rng, route[2]).getBytes(StandardCharsets.UTF_8);
                what = "mutated json";
            }
        }
        String contentType = rng.nextInt(8) == 0 ? pick(rng, new String[] {null, "text/plain", "application/xml"})
                : "application/json";
        return http(route[0], path, contentType, body, what);
    }

    private static final String[] GET_ROUTES = {"/api/events", "/api/stats", "/api/events/{id}",
        "/api/incidents/{id}/clip", "/api/i/{id}", "/api/i/{id}/clip", "/i/{id}", "/api/admin/audit",
        "/api/admin/accounts", "/api/contacts/{id}", "/api/contacts", "/api/alerts/pins", "/api/alerts/sharing",
        "/api/alerts/channels", "/api/admin/model", "/api/admin/settings", "/api/auth/status", "/health/ready",
        "/api/account"};
    private static final String[] PARAMS = {"limit", "offset", "from", "to", "type", "user", "page", "size", "tz",
        "time_zone", "scream", "cursor", "before", "after", "sort", "days", "bucket"};

    private Case query(Random rng) {
        String path = GET_ROUTES[rng.nextInt(GET_ROUTES.length)].replace("{id}", randomId(rng));
        StringBuilder q = new StringBuilder();
        for (int i = rng.nextInt(5); i > 0; i--) {
            q.append(q.length() == 0 ? '?' : '&')
                    .append(rng.nextInt(6) == 0 ? encode(randomUnicode(rng, 1 + rng.nextInt(10))) : pick(rng, PARAMS))
                    .append('=').append(encode(randomValue(rng)));
        }
        String method = rng.nextInt(12) == 0 ? pick(rng, new String[] {"DELETE", "PATCH", "HEAD", "OPTIONS"}) : "GET";
        if ("DELETE".equals(method) && (path.equals("/api/account") || path.startsWith("/api/contacts"))) {
            method = "GET"; // the fuzz session keeps its account
        }
        return http(method, path + q, null, null, "query");
    }

    // ---- WebSocket

    private Case webSocket(Random rng) {
        List<Object> messages = new ArrayList<>();
        String hello;
        switch (rng.nextInt(4)) {
            case 0 -> hello = randomUnicode(rng, rng.nextInt(200));
            case 1 -> hello = randomJson(rng, 0).toString();
            default -> hello = mutateTree(rng, "{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1,\"time_zone\":\"Europe/Berlin\"}");
        }
        messages.add(rng.nextInt(10) == 0 ? randomBytes(rng, rng.nextInt(100)) : hello);
        for (int i = rng.nextInt(8); i > 0; i--) {
            switch (rng.nextInt(4)) {
                case 0 -> messages.add(mutateTree(rng, "{\"type\":\"location\",\"latitude\":48.85,\"longitude\":2.35,\"accuracy\":20}"));
                case 1 -> messages.add(randomUnicode(rng, rng.nextInt(100)));
                default -> messages.add(randomBytes(rng, pick(rng, new int[] {0, 1, 2, 3, 7, 640, 3200, 32000,
                        rng.nextInt(70_000)})));
            }
        }
        return new Case() {
            @Override
            public String run() throws InterruptedException, java.util.concurrent.ExecutionException,
                    java.util.concurrent.TimeoutException {
                CompletableFuture<Integer> closed = new CompletableFuture<>();
                WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
                if (cookie != null) {
                    b.header("Cookie", cookie);
                }
                WebSocket ws;
                try {
                    ws = b.buildAsync(URI.create("ws" + base.substring(4) + "/api/stream"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
                            closed.complete(statusCode);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket w, Throwable error) {
                            closed.complete(-1);
                        }
                    }).get(15, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    return e.getCause() instanceof java.net.http.WebSocketHandshakeException h
                            ? (h.getResponse().statusCode() >= 500 ? "fail " : "") + "ws refused " + h.getResponse().statusCode()
                            : "io error (" + e.getCause().getClass().getSimpleName() + ")";
                }
                try {
                    for (Object m : messages) {
                        if (closed.isDone()) {
                            break;
                        }
                        if (m instanceof String text) {
                            ws.sendText(text, true).get(10, TimeUnit.SECONDS);
                        } else {
                            ws.sendBinary(ByteBuffer.wrap((byte[]) m), true).get(10, TimeUnit.SECONDS);
                        }
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    // the server closed while we were sending: its close code tells why
                }
                if (!closed.isDone()) {
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "fuzz done");
                }
                Integer code;
                try {
                    code = closed.get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    ws.abort();
                    return "ws no close";
                }
                if (code == -1) {
                    return "ws connection ended (client saw an I/O error)";
                }
                return (code == 1011 ? "fail " : "") + "ws close " + code;
            }

            @Override
            public String description() {
                return "WS /api/stream hello " + abbreviate(String.valueOf(messages.get(0) instanceof String s ? s
                        : "binary"), 200) + " then " + (messages.size() - 1) + " messages";
            }
        };
    }

    // ---- generators

    private static String randomId(Random rng) {
        return switch (rng.nextInt(6)) {
            case 0 -> String.format("%024x", rng.nextLong() & Long.MAX_VALUE);
            case 1 -> encode(randomUnicode(rng, 1 + rng.nextInt(40)));
            case 2 -> "..%2F..%2Fetc%2Fpasswd";
            case 3 -> "%00";
            case 4 -> Long.toString(rng.nextLong());
            default -> "x".repeat(1 + rng.nextInt(2000));
        };
    }

    private static String randomValue(Random rng) {
        return switch (rng.nextInt(10)) {
            case 0 -> Double.toString(rng.nextGaussian() * 1e6);
            case 1 -> Long.toString(rng.nextLong());
            case 2 -> "";
            case 3 -> pick(rng, new String[] {"NaN", "Infinity", "-0", "1e999", "true", "false", "null", "2026-12-04",
                "2026-12-04T10:00:00Z", "9999-99-99", "-1", "0", "1.5"});
            case 4 -> randomUnicode(rng, rng.nextInt(3000));
            case 5 -> "a\u0000\r\n\u202e\ud83d\ude00";
            default -> Integer.toString(rng.nextInt(200) - 50);
        };
    }

    private static JsonNode randomJson(Random rng, int depth) {
        int kind = depth > 4 ? rng.nextInt(6) : rng.nextInt(8);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(rng.nextBoolean());
            case 2 -> NODES.numberNode(rng.nextLong());
            case 3 -> NODES.numberNode(rng.nextGaussian() * Math.pow(10, rng.nextInt(600) - 300));
            case 4, 5 -> NODES.textNode(randomValue(rng));
            case 6 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = rng.nextInt(5); i > 0; i--) {
                    a.add(randomJson(rng, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = rng.nextInt(5); i > 0; i--) {
                    o.set(rng.nextBoolean() ? pick(rng, new String[] {"email", "password", "pin", "name", "phone",
                        "channels", "threshold_probability", "sampleRate", "encoding", "type"}) : randomAscii(rng, 8),
                            randomJson(rng, depth + 1));
                }
                yield o;
            }
        };
    }

    /** A template with fields removed, replaced by random values or added. */
    private static String mutateTree(Random rng, String template) {
        try {
            ObjectNode o = (ObjectNode) JSON.readTree(template);
            for (int m = 1 + rng.nextInt(3); m > 0; m--) {
                List<String> names = new ArrayList<>();
                for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                int op = rng.nextInt(3);
                if (op == 0 && !names.isEmpty()) {
                    o.remove(names.get(rng.nextInt(names.size())));
                } else if (op == 1 && !names.isEmpty()) {
                    o.set(names.get(rng.nextInt(names.size())), randomJson(rng, 3));
                } else {
                    o.set(randomAscii(rng, 1 + rng.nextInt(12)), randomJson(rng, 3));
                }
            }
            return o.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("bad template " + template, e);
        }
    }

    /** Byte-level mutations: flips, deletions, insertions, duplications, truncation. */
    static byte[] mutate(Random rng, byte[] in, int count) {
        byte[] b = in;
        for (int m = 0; m < count && b.length > 0; m++) {
            int at = rng.nextInt(b.length);
            int len = 1 + rng.nextInt(Math.min(64, b.length - at));
            switch (rng.nextInt(5)) {
                case 0 -> b[at] ^= (byte) (1 << rng.nextInt(8));
                case 1 -> b = concat(java.util.Arrays.copyOf(b, at), java.util.Arrays.copyOfRange(b, at + len, b.length));
                case 2 -> b = concat(concat(java.util.Arrays.copyOf(b, at), randomBytes(rng, len)),
                        java.util.Arrays.copyOfRange(b, at, b.length));
                case 3 -> b = concat(concat(java.util.Arrays.copyOf(b, at + len), java.util.Arrays.copyOfRange(b, at, at + len)),
                        java.util.Arrays.copyOfRange(b, at + len, b.length));
                default -> b = java.util.Arrays.copyOf(b, at);
            }
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] randomBytes(Random rng, int n) {
        byte[] b = new byte[n];
        rng.nextBytes(b);
        return b;
    }

    private static String randomAscii(Random rng, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) (32 + rng.nextInt(95)));
        }
        return s.toString();
    }

    private static String randomUnicode(Random rng, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = rng.nextInt(10);
            s.appendCodePoint(kind == 0 ? rng.nextInt(32) : kind == 1 ? 0x1F600 + rng.nextInt(80)
                    : kind == 2 ? 0x400 + rng.nextInt(0x2000) : 32 + rng.nextInt(95));
        }
        return s.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static <T> T pick(Random rng, T[] values) {
        return values[rng.nextInt(values.length)];
    }

    private static int pick(Random rng, int[] values) {
        return values[rng.nextInt(values.length)];
    }

    private static String abbreviate(String s, int max) {
        String flat = s.replaceAll("[\\r\\n]+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }

    /** 0.25 s of 8 kHz noise as a 16-bit WAV: a valid upload to mutate. */
    private static byte[] smallWav() {
        int frames = 2000;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * frames).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * frames).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * frames);
        Random rng = new Random(1);
        for (int i = 0; i < frames; i++) {
            b.putShort((short) (rng.nextGaussian() * 3000));
        }
        return b.array();
    }
}
