package io.screamguard.server.contacts;

import java.util.List;
import java.util.Map;

/** Sends a contact's test message (implemented by the alerting, which owns the channels). */
@FunctionalInterface
public interface TestMessages {
    /**
     * @param who     how the message names the person
     * @param contact the contact
     * @return per channel: {"channel", "status": sent|failed|skipped_not_configured, "provider_id", "error"}
     */
    List<Map<String, Object>> send(String who, Contact contact);
}
