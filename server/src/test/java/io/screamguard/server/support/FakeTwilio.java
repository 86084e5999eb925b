package io.screamguard.server.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local fake of Twilio's Messages API for the stock SDK (TWILIO_API_BASE_URL points here): it
 * checks the basic auth, records every form-encoded message, answers 201 with a message JSON (or
 * a configured number of 5xx/4xx first, or stalls past the client's timeout), can hold every
 * request until released (a send in progress), and can call a message's StatusCallback signed the way
 * Twilio signs (HMAC-SHA1 of the URL and the sorted parameters, base64, with the auth token).
 */
public final class FakeTwilio implements AutoCloseable {
    public static final String SID = "AC00000000000000000000000000000001";
    public static final String TOKEN = "fake-auth-token-0123456789";
    public static final String FROM = "+15005550006";

    /** A message the SDK posted: its form parameters and the id the fake gave it. */
    public record Sent(String sid, Map<String, String> form) {
        public String body() {
            return form.get("Body");
        }
    }

    private final HttpServer server;
    /** Messages accepted (201). */
    public final List<Sent> messages = new CopyOnWriteArrayList<>();
    /** Calls accepted (201): the form holds To, From, Twiml and StatusCallback. */
    public final List<Sent> calls = new CopyOnWriteArrayList<>();
    /** Every request received, accepted or not. */
    public final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;
    private final AtomicInteger next = new AtomicInteger();
    private volatile java.util.concurrent.CountDownLatch held;
    private final AtomicInteger stallsLeft = new AtomicInteger();
    private volatile long stallMillis;
    /** The To numbers of the requests stalled so far (they were never accepted). */
    public final List<String> stalled = new CopyOnWriteArrayList<>();

    public FakeTwilio() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        // one thread per request: a held or stalled request must not block the others
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-twilio");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The value of TWILIO_API_BASE_URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code n} requests answer {@code status} (503: transient; 400: permanent). */
    public void failNext(int n, int status) {
        failureStatus = status;
        failuresLeft.set(n);
    }

    /** Every request from now on waits (up to 60 s) until {@link #release()}: a send in progress. */
    public void hold() {
        held = new java.util.concurrent.CountDownLatch(1);
    }

    /** Lets the held requests (and later ones) through. */
    public void release() {
        java.util.concurrent.CountDownLatch h = held;
        held = null;
        if (h != null) {
            h.countDown();
        }
    }

    /**
     * The next {@code n} requests get no answer for {@code millis} (longer than the client's timeout:
     * the client gives up) and are then dropped unrecorded, as if Twilio never processed them.
     */
    public void stallNext(int n, long millis) {
        stallMillis = millis;
        stallsLeft.set(n);
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String path = ex.getRequestURI().getPath();
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        boolean call = path.equals("/2010-04-01/Accounts/" + SID + "/Calls.json");
        if (!"POST".equals(ex.getRequestMethod())
                || !(call || path.equals("/2010-04-01/Accounts/" + SID + "/Messages.json"))) {
            answer(ex, 404, "{\"code\":20404,\"message\":\"not found: " + path + "\",\"status\":404}");
            return;
        }
        if (!expectedAuth.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            answer(ex, 401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");
            return;
        }
        Map<String, String> form = parseForm(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        java.util.concurrent.CountDownLatch h = held;
        if (h != null) {
            try {
                h.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stallsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            stalled.add(form.get("To"));
            try {
                Thread.sleep(stallMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close(); // no answer: the client timed out long ago
            return;
        }
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            int status = failureStatus;
            answer(ex, status, "{\"code\":" + (status == 400 ? 21211 : 20500) + ",\"message\":\""
                    + (status == 400 ? "The 'To' number is not a valid phone number." : "Internal Server Error")
                    + "\",\"more_info\":\"https://www.twilio.com/docs/errors\",\"status\":" + status + "}");
            return;
        }
        String sid = String.format(call ? "CA%032d" : "SM%032d", next.incrementAndGet());
        (call ? calls : messages).add(new Sent(sid, form));
        answer(ex, 201, "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + SID + "\",\"to\":\"" + form.get("To")
                + "\",\"from\":\"" + form.get("From") + "\",\"status\":\"queued\",\"num_segments\":\"2\","
                + "\"direction\":\"outbound-api\",\"api_version\":\"2010-04-01\",\"uri\":\"/2010-04-01/Accounts/"
                + SID + "/Messages/" + sid + ".json\"}");
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Twilio's signature of a callback: base64(HMAC-SHA1(token, url + sorted key+value pairs)). */
    public static String signature(String token, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Calls the message's StatusCallback as Twilio would, signed with {@code token}.
     *
     * @return the HTTP status the server answered
     */
    public int callback(Sent message, String status, String token) throws IOException, InterruptedException {
        String url = message.form().get("StatusCallback");
        Map<String, String> params = new LinkedHashMap<>();
        boolean call = message.sid().startsWith("CA");
        params.put(call ? "CallSid" : "MessageSid", message.sid());
        if (!call) {
            params.put("SmsSid", message.sid());
        }
        params.put("AccountSid", SID);
        params.put(call ? "CallStatus" : "MessageStatus", status);
        params.put("To", message.form().get("To"));
        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature(token, url, params))
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
