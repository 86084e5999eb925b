package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screamguard.server.config.Setting;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CLIP_RETENTION_DAYS: the purge deletes clips older than the retention and keeps younger ones (a movable clock). */
class ClipRetentionTest {
    @TempDir
    Path dataDir;

    @Test
    void the_purge_keeps_a_clip_younger_than_the_retention_and_deletes_it_once_older() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        Map<Setting, String> s = new EnumMap<>(Setting.class);
        s.put(Setting.STREAM_QUEUE_SECONDS, "30");
        try (AppHarness app = AppHarness.start(dataDir, s, clock)) {
            ClipTest.Streamed clip = ClipTest.streamWithAnIncident(app);
            ClipTest.awaitClip(clip);
            Duration retention = Duration.ofDays(Long.parseLong(Setting.CLIP_RETENTION_DAYS.defaultValue()));

            clock.advance(Duration.ofDays(29));
            long youngPurged = app.app.alerts().purgeClips(retention);
            clock.advance(Duration.ofDays(2));
            long oldPurged = app.app.alerts().purgeClips(retention);

            assertEquals(0, youngPurged, "29 days old: kept");
            assertEquals(1, oldPurged, "31 days old: deleted");
            assertEquals(404, ClipTest.clip(app.signIn(clip.email(), AppHarness.PASSWORD), clip.incidentId()).statusCode(),
                    "the owner no longer gets it");
        }
    }
}
