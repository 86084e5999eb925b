package io.screamguard.server.analyze;

import io.screamguard.server.events.DeviceInfo;
import io.screamguard.server.location.Location;
import java.util.Optional;

/**
 * A parsed upload.
 *
 * @param fileName        client-side file name (may be null)
 * @param audio           the spooled file (deleted by the handler once answered)
 * @param browserLocation coordinates sent with the form, if any
 * @param device          the client
 * @param userId          the signed-in account's id (the event's owner)
 * @param userEmail       that account's email (how an alert names the person)
 * @param alert           the form asked for an alert ({@code alert=true}): sent at once when it holds a scream
 */
public record UploadRequest(String fileName, java.nio.file.Path audio, Optional<Location> browserLocation, DeviceInfo device,
                            String userId, String userEmail, boolean alert) {
    /** An upload that asks for no alert. */
    public UploadRequest(String fileName, java.nio.file.Path audio, Optional<Location> browserLocation, DeviceInfo device,
                         String userId) {
        this(fileName, audio, browserLocation, device, userId, null, false);
    }
}
