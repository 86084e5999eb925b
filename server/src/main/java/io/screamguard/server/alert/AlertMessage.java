package io.screamguard.server.alert;

import io.screamguard.server.location.Location;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What every message of an alert says, before it is worded for a channel.
 *
 * @param who               the person (their account email until accounts carry a display name)
 * @param detectedAt        when the scream was detected
 * @param timeZone          the person's time zone (from the stream's hello; UTC when unknown)
 * @param probability       the incident's peak scream probability, 0..1
 * @param location          the latest known position when the countdown expired
 * @param incidentUrl       the recipient's own link to the incident page
 * @param contactName       the contact's name
 * @param note              the person's note for this contact (may be empty)
 * @param duress            the countdown was "cancelled" with the duress PIN: someone may be watching them
 * @param language          the contact's language (BCP 47, e.g. en, de-AT); messages fall back to English
 */
public record AlertMessage(String who, Instant detectedAt, ZoneId timeZone, double probability, Location location,
                           String incidentUrl, String contactName, String note, boolean duress, String language) {
    /** An alert not sent under duress, in English. */
    public AlertMessage(String who, Instant detectedAt, ZoneId timeZone, double probability, Location location,
                        String incidentUrl, String contactName, String note) {
        this(who, detectedAt, timeZone, probability, location, incidentUrl, contactName, note, false, "en");
    }

    public AlertMessage {
        if (who == null || detectedAt == null || timeZone == null || location == null || incidentUrl == null
                || contactName == null) {
            throw new IllegalArgumentException("who, detectedAt, timeZone, location, incidentUrl and contactName are"
                    + " required, got who=" + who + " detectedAt=" + detectedAt + " location=" + location);
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        note = note == null ? "" : note;
        language = language == null || language.isBlank() ? "en" : language;
    }
}
