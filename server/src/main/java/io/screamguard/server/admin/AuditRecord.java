package io.screamguard.server.admin;

import java.time.Instant;
import java.util.Map;

/**
 * One audited change.
 *
 * @param id         24 hex digits
 * @param at         when
 * @param actorId    the admin's account id
 * @param actorEmail the admin's email at the time
 * @param action     what, e.g. {@code settings.update}
 * @param oldValue   the values before (snake_case keys)
 * @param newValue   the values after
 */
public record AuditRecord(String id, Instant at, String actorId, String actorEmail, String action,
                          Map<String, Object> oldValue, Map<String, Object> newValue) {
}
