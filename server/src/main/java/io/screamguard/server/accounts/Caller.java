package io.screamguard.server.accounts;

import io.javalin.http.Context;
import io.javalin.websocket.WsContext;

/**
 * The signed-in account of a request, put on the context by {@link AccessGuard}. Handlers take the
 * owner of what they create and the scope of what they read from here, never from the client.
 */
public final class Caller {
    static final String ATTRIBUTE = "screamguard.caller";

    private Caller() {
    }

    /**
     * The signed-in account of a request on a route that needs one.
     *
     * @throws IllegalStateException when the route was declared public (a programming error)
     */
    public static Account of(Context ctx) {
        Account a = ctx.attribute(ATTRIBUTE);
        if (a == null) {
            throw new IllegalStateException("no signed-in account on " + ctx.method() + " " + ctx.path()
                    + ": the route must be declared with Access.PERSON or Access.ADMIN");
        }
        return a;
    }

    /** The account that opened a WebSocket (set at the upgrade). */
    public static Account of(WsContext ctx) {
        Account a = ctx.attribute(ATTRIBUTE);
        if (a == null) {
            throw new IllegalStateException("no signed-in account on the WebSocket " + ctx.sessionId());
        }
        return a;
    }
}
