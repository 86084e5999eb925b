package io.screamguard.server.alert;

import io.screamguard.server.location.Location;
import java.time.Instant;
import java.util.List;

/**
 * An alert as its incident page shows it.
 *
 * @param alertId         the alert
 * @param ownerId         the person
 * @param who             how the messages name the person
 * @param raisedAt        when it was raised
 * @param probability     peak scream probability of its first incident
 * @param location        the latest position (updated when an incident joins)
 * @param acknowledgements the contacts on their way, in order
 */
record AlertView(String alertId, String ownerId, String who, Instant raisedAt, double probability, Location location,
                 List<Acknowledgement> acknowledgements) {
    /** One "I'm on my way". */
    record Acknowledgement(String contactId, String contact, Instant at) {
    }

    /** A recipient's incident link: the alert and contact it belongs to, and when it expires. */
    record Recipient(String alertId, String contactId, String contactName, Instant expiresAt) {
    }
}
