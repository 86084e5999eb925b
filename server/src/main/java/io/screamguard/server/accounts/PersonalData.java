package io.screamguard.server.accounts;

/**
 * A feature's share of a person's data (contacts, events, ...), for export and account deletion.
 * Implementations are thread-safe.
 */
public interface PersonalData {
    /** The key of this data in the export, e.g. {@code contacts}. */
    String name();

    /** Everything of this kind the account owns, as JSON-ready values. */
    Object export(String accountId);

    /** Deletes everything of this kind the account owns; returns how many items went. */
    long deleteAll(String accountId);
}
