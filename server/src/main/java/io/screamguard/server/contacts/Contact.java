package io.screamguard.server.contacts;

import java.time.Instant;
import java.util.List;

/**
 * A validated emergency contact.
 *
 * @param id        24 hex digits
 * @param ownerId   the account it belongs to
 * @param name      1..100 characters
 * @param phone     E.164 (e.g. +447700900123), or null when none
 * @param email     address, or null when none
 * @param channels  where alerts go: a non-empty subset of sms, email, voice, each backed by its field
 * @param language  language of the messages, a BCP 47 tag such as en or de
 * @param note      free text for the contact, up to 500 characters ("neighbour, has a key")
 * @param createdAt when it was added
 */
public record Contact(String id, String ownerId, String name, String phone, String email, List<String> channels,
                      String language, String note, Instant createdAt) {
    public Contact {
        if (id == null || ownerId == null || name == null || channels == null || language == null || note == null
                || createdAt == null) {
            throw new IllegalArgumentException("id, ownerId, name, channels, language, note and createdAt are required");
        }
        channels = List.copyOf(channels);
    }
}
