package io.screamguard.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A WebSocket test client that records every text message and the close code and reason. */
public final class WsClient implements WebSocket.Listener {
    public final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    public final CompletableFuture<int[]> closed = new CompletableFuture<>();
    public volatile String closeReason;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    public static WsClient connect(int port, String path) throws Exception {
        return connect(port, path, new String[0]);
    }

    /** Connects sending extra headers, given as name, value, name, value ... (a name may repeat). */
    public static WsClient connect(int port, String path, String... headerNamesAndValues) throws Exception {
        return connect(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + port + path), headerNamesAndValues);
    }

    /** Connects to a ws:// or wss:// address with the given client (its TLS trust), sending extra headers. */
    public static WsClient connect(HttpClient client, URI uri, String... headerNamesAndValues) throws Exception {
        WsClient c = new WsClient();
        java.net.http.WebSocket.Builder b = client.newWebSocketBuilder();
        for (int i = 0; i + 1 < headerNamesAndValues.length; i += 2) {
            b.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        c.socket = b.buildAsync(uri, c).get(10, TimeUnit.SECONDS);
        return c;
    }

    public void text(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    public void binary(byte[] data) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(data), true).get(10, TimeUnit.SECONDS);
    }

    public void close() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    public void abort() {
        socket.abort();
    }

    /** The close code once the server closed (waits up to the timeout). */
    public int awaitCloseCode(long seconds) throws Exception {
        return closed.get(seconds, TimeUnit.SECONDS)[0];
    }

    public List<JsonNode> ofType(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : messages) {
            if (type.equals(m.path("type").asText())) {
                out.add(m);
            }
        }
        return out;
    }

    /** The "incident" messages of the given phase ("started" or "ended"). */
    public List<JsonNode> incidents(String phase) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : ofType("incident")) {
            if (phase.equals(m.path("phase").asText())) {
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(AppHarness.JSON.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException("server sent invalid JSON: " + partial, e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(new int[] {statusCode});
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new int[] {-1});
    }
}
