package io.screamguard.server.accounts;

import java.util.Locale;

/** What an account may do: a person reads and changes their own data; an admin reads everything and changes settings. */
public enum Role {
    PERSON,
    ADMIN;

    /** The stored and JSON name: {@code person} or {@code admin}. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role parse(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
