package io.screamguard.server.contacts;

import io.screamguard.server.accounts.Account;
import io.screamguard.server.accounts.PersonalData;
import io.screamguard.server.http.ApiError;
import io.screamguard.server.http.ApiException;
import io.screamguard.server.store.MongoConnection;
import io.screamguard.server.store.StoreUnavailable;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person's emergency contacts: list, add (up to MAX_CONTACTS), change, remove, test. Every call
 * is scoped to the caller's account: another person's contact is "not found", except that an admin
 * may read (not change) anyone's. Thread-safe.
 */
public final class ContactService implements PersonalData {
    private static final Logger LOG = LoggerFactory.getLogger(ContactService.class);

    private final ContactStore store;
    private final int maxContacts;
    private final String defaultPhoneRegion;
    private final Clock clock;

    /**
     * @param db                 the database
     * @param maxContacts        MAX_CONTACTS
     * @param defaultPhoneRegion DEFAULT_PHONE_REGION, used when the person set no region
     * @param clock              creation times
     */
    public ContactService(MongoConnection db, int maxContacts, String defaultPhoneRegion, Clock clock) {
        this.store = new ContactStore(db);
        this.maxContacts = maxContacts;
        this.defaultPhoneRegion = defaultPhoneRegion;
        this.clock = clock;
    }

    /** Creates the owner index; a database that does not answer yet only delays it to the next start. */
    public void start() {
        try {
            store.createIndexes();
        } catch (StoreUnavailable e) {
            LOG.warn("contacts: {}", e.getMessage());
        }
    }

    /**
     * The caller's contacts; an admin may name another account ({@code user}), as admins read everything.
     *
     * @param user another account's id, or null for the caller's own
     */
    public List<Contact> list(Account caller, String user) {
        if (user == null || user.equals(caller.id())) {
            return store.byOwner(caller.id());
        }
        if (!caller.admin()) {
            throw ApiException.forbidden("the user filter is for admins; you see your own contacts");
        }
        return store.byOwner(user);
    }

    /** One of the caller's contacts (an admin reads anyone's); 404 for another person's. */
    public Contact get(Account caller, String id) {
        return (caller.admin() ? store.findAny(id) : store.find(caller.id(), id)).orElseThrow(() -> notFound(id));
    }

    /** Adds a contact; 409 when the person has MAX_CONTACTS already. */
    public Contact add(Account caller, ContactDraft draft) {
        ContactDraft.Validated v = validate(caller, draft);
        if (store.count(caller.id()) >= maxContacts) {
            throw ApiException.conflict("you have the most contacts allowed (" + maxContacts
                    + ", MAX_CONTACTS); remove one first");
        }
        return store.insert(caller.id(), v, clock.instant());
    }

    /** Replaces every field of one of the caller's contacts; 404 for another person's. */
    public Contact replace(Account caller, String id, ContactDraft draft) {
        ContactDraft.Validated v = validate(caller, draft);
        return store.replace(caller.id(), id, v).orElseThrow(() -> notFound(id));
    }

    /** Removes one of the caller's contacts; 404 for another person's. */
    public void delete(Account caller, String id) {
        if (!store.delete(caller.id(), id)) {
            throw notFound(id);
        }
    }

    /**
     * "Send a test message": sends one now on each of the contact's channels (after checking the
     * contact is the caller's) and answers per channel; 503 alerting_not_configured when none of
     * its channels is configured, naming what to set.
     */
    public List<java.util.Map<String, Object>> test(Account caller, String id, TestMessages messages) {
        Contact contact = store.find(caller.id(), id).orElseThrow(() -> notFound(id));
        List<java.util.Map<String, Object>> results = messages.send(caller.email(), contact);
        if (results.stream().allMatch(r -> "skipped_not_configured".equals(r.get("status")))) {
            throw new ApiException(ApiError.ALERTING_NOT_CONFIGURED, "alerting is not configured for this contact's"
                    + " channels (" + String.join(", ", contact.channels()) + "), so no test message was sent: "
                    + results.stream().map(r -> String.valueOf(r.get("error"))).distinct()
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        return results;
    }

    /** Every contact of an account (the alerting reads them when an alert is raised). */
    public List<Contact> of(String ownerId) {
        return store.byOwner(ownerId);
    }

    private ContactDraft.Validated validate(Account caller, ContactDraft draft) {
        String region = caller.phoneRegion().isEmpty() ? defaultPhoneRegion : caller.phoneRegion();
        try {
            return draft.validate(region);
        } catch (ContactDraft.InvalidField e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("you have no contact with id " + id);
    }

    @Override
    public String name() {
        return "contacts";
    }

    @Override
    public Object export(String accountId) {
        return store.byOwner(accountId);
    }

    @Override
    public long deleteAll(String accountId) {
        return store.deleteAll(accountId);
    }
}
