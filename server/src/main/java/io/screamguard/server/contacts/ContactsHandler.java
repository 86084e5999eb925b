package io.screamguard.server.contacts;

import io.javalin.http.Context;
import io.screamguard.server.accounts.Caller;
import io.screamguard.server.http.JsonBodies;
import java.util.Map;

/**
 * {@code /api/contacts}: the caller's emergency contacts (GET list, for admins {@code ?user=} too;
 * POST add; GET/PUT/DELETE one; POST {id}/test). Thin.
 */
public final class ContactsHandler {
    private static final String EXAMPLE = "{\"name\":\"Sam\",\"phone\":\"+44 7911 123456\",\"email\":\"sam@example.org\","
            + "\"channels\":[\"sms\",\"email\"],\"language\":\"en\",\"note\":\"neighbour, has a key\"}";

    private final ContactService service;
    private final TestMessages testMessages;

    /**
     * @param service      the contacts
     * @param testMessages sends a test message (the alerting)
     */
    public ContactsHandler(ContactService service, TestMessages testMessages) {
        this.service = service;
        this.testMessages = testMessages;
    }

    /** {@code GET /api/contacts[?user=]} (user: admins only) */
    public void list(Context ctx) {
        String user = ctx.queryParam("user");
        ctx.json(Map.of("items", service.list(Caller.of(ctx), user == null || user.isBlank() ? null : user.trim())));
    }

    /** {@code GET /api/contacts/{id}} */
    public void get(Context ctx) {
        ctx.json(service.get(Caller.of(ctx), ctx.pathParam("id")));
    }

    /** {@code POST /api/contacts} (201) */
    public void add(Context ctx) {
        ctx.status(201).json(service.add(Caller.of(ctx), JsonBodies.read(ctx, ContactDraft.class, EXAMPLE)));
    }

    /** {@code PUT /api/contacts/{id}} */
    public void replace(Context ctx) {
        ctx.json(service.replace(Caller.of(ctx), ctx.pathParam("id"), JsonBodies.read(ctx, ContactDraft.class, EXAMPLE)));
    }

    /** {@code DELETE /api/contacts/{id}} (204) */
    public void delete(Context ctx) {
        service.delete(Caller.of(ctx), ctx.pathParam("id"));
        ctx.status(204);
    }

    /** {@code POST /api/contacts/{id}/test}: {"results": [...]} per channel; 503 alerting_not_configured when none can send */
    public void test(Context ctx) {
        ctx.json(Map.of("results", service.test(Caller.of(ctx), ctx.pathParam("id"), testMessages)));
    }
}
