package io.screamguard.server.events;

import io.screamguard.server.accounts.PersonalData;

/** A person's events in their data export and account deletion. */
public final class EventData implements PersonalData {
    private final EventLog log;

    /** @param log the event log */
    public EventData(EventLog log) {
        this.log = log;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public Object export(String accountId) {
        return log.allOf(accountId);
    }

    @Override
    public long deleteAll(String accountId) {
        return log.deleteAllOf(accountId);
    }
}
