package io.screamguard.server.listen;

import io.javalin.websocket.WsConfig;
import io.screamguard.server.accounts.Account;
import io.screamguard.server.accounts.Caller;
import io.javalin.websocket.WsContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * Adapts Javalin's WebSocket callbacks for {@code /api/stream} to {@link LiveSession}s. Thin: it
 * forwards frames (the session copies them off Jetty's buffer) and messages; sessions do the work.
 */
public final class StreamHandler {
    /** Outgoing messages a slow client may have pending before hop messages are skipped. */
    private static final int MAX_PENDING_SENDS = 256;

    private final StreamHub hub;
    private final Function<WsContext, String> clientIp;
    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();

    /**
     * @param hub      the stream service
     * @param clientIp how to find a client's address (honours X-Forwarded-For when trusted)
     */
    public StreamHandler(StreamHub hub, Function<WsContext, String> clientIp) {
        this.hub = hub;
        this.clientIp = clientIp;
    }

    /** Registers the callbacks on the route's WebSocket configuration. */
    public void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            Account account = Caller.of(ctx); // checked at the upgrade (AccessGuard.checkUpgrade)
            ClientInfo info = new ClientInfo(ctx.sessionId(), clientIp.apply(ctx), ctx.header("User-Agent"),
                    ctx.header("Accept-Language"), account.id(), account.email());
            LiveSession session = hub.connect(new WsPeer(ctx), info);
            if (session != null) {
                sessions.put(ctx.sessionId(), session);
            }
        });
        ws.onMessage(ctx -> {
            LiveSession s = sessions.get(ctx.sessionId());
            if (s != null) {
                s.onText(ctx.message());
            }
        });
        ws.onBinaryMessage(ctx -> {
            LiveSession s = sessions.get(ctx.sessionId());
            if (s != null) {
                s.onBinary(ctx.data()); // copied into the stream's buffer before this returns
            }
        });
        ws.onClose(ctx -> {
            LiveSession s = sessions.remove(ctx.sessionId());
            if (s != null) {
                s.onClosed();
            }
        });
        ws.onError(ctx -> {
            LiveSession s = sessions.remove(ctx.sessionId());
            if (s != null) {
                s.onClosed();
            }
        });
    }

    /** Sends without blocking; counts pending sends so a client that does not read cannot grow memory. */
    private static final class WsPeer implements StreamPeer {
        private final WsContext ctx;
        private final AtomicInteger pending = new AtomicInteger();

        WsPeer(WsContext ctx) {
            this.ctx = ctx;
        }

        /**
         * Synchronized: besides the stream's worker, the alerting's countdown thread and request
         * threads (an acknowledgement) send on the same session, and frames are handed to Jetty
         * one at a time (the send itself does not block).
         */
        @Override
        public synchronized boolean send(String json) {
            if (!ctx.session.isOpen() || pending.get() >= MAX_PENDING_SENDS) {
                return false;
            }
            pending.incrementAndGet();
            try {
                ctx.session.sendText(json, Callback.from(pending::decrementAndGet, x -> pending.decrementAndGet()));
                return true;
            } catch (RuntimeException e) {
                pending.decrementAndGet();
                return false;
            }
        }

        @Override
        public void close(int statusCode, String reason) {
            if (ctx.session.isOpen()) {
                ctx.closeSession(statusCode, truncate(reason));
            }
        }

        /** A close reason must fit in 123 bytes of UTF-8. */
        static String truncate(String reason) {
            byte[] b = reason.getBytes(StandardCharsets.UTF_8);
            if (b.length <= 123) {
                return reason;
            }
            String cut = new String(b, 0, 120, StandardCharsets.UTF_8);
            while (cut.getBytes(StandardCharsets.UTF_8).length > 120) {
                cut = cut.substring(0, cut.length() - 1);
            }
            return cut + "...";
        }
    }
}
