package io.screamguard.server.analyze;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.screamguard.server.alert.Alarms;
import io.screamguard.server.alert.LiveIncident;
import io.screamguard.server.events.AlertStatus;
import io.screamguard.server.events.EventLog;
import io.screamguard.server.events.EventRecord;
import io.screamguard.server.events.EventSource;
import io.screamguard.server.events.EventType;
import io.screamguard.server.events.FeatureVector;
import io.screamguard.server.events.TimelineSummary;
import io.screamguard.server.location.Location;
import io.screamguard.server.location.LocationResolver;
import io.screamguard.server.scoring.AudioRejected;
import io.screamguard.server.scoring.ClipScore;
import io.screamguard.server.scoring.ModelInfo;
import io.screamguard.server.scoring.Scoring;
import io.screamguard.server.scoring.WindowScore;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Analyses one upload: scores it, resolves the location, logs the event and builds the answer.
 * Knows nothing of HTTP. Thread-safe.
 */
public final class AnalyzeService {
    private final Scoring scoring;
    private final EventLog events;
    private final LocationResolver locations;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Timer analysisTime;
    private final Alarms alarms;

    /**
     * @param scoring   the clip scorer
     * @param events    the event log
     * @param locations browser / IP / none
     * @param clock     event timestamps
     * @param registry  meters: uploads by outcome, windows scored, incidents, analysis time
     */
    public AnalyzeService(Scoring scoring, EventLog events, LocationResolver locations, Clock clock,
                          MeterRegistry registry) {
        this(scoring, events, locations, clock, registry, Alarms.NONE);
    }

    /**
     * As above, with the alerting: an upload that asks for it ({@code alert=true}) and holds a
     * scream raises an alert at once (no countdown: the person sent it on purpose).
     */
    public AnalyzeService(Scoring scoring, EventLog events, LocationResolver locations, Clock clock,
                          MeterRegistry registry, Alarms alarms) {
        this.alarms = alarms;
        this.scoring = scoring;
        this.events = events;
        this.locations = locations;
        this.clock = clock;
        this.registry = registry;
        this.analysisTime = Timer.builder("screamguard_upload_analysis")
                .description("decode + score + detect of one upload (without the event write)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
    }

    /**
     * @throws AudioRejected when the audio cannot be analysed (empty, unknown, corrupt, too long)
     * @throws java.io.IOException when the spooled file cannot be read
     */
    public UploadResult analyze(UploadRequest request) throws AudioRejected, java.io.IOException {
        long t0 = System.nanoTime();
        ClipScore score;
        try {
            score = scoring.scoreClip(request.audio());
        } catch (AudioRejected e) {
            countOutcome(e.reason().name().toLowerCase(Locale.ROOT));
            throw e;
        }
        analysisTime.record(Duration.ofNanos(System.nanoTime() - t0));
        ModelInfo model = scoring.model();
        registry.counter("screamguard_windows_scored", "source", "upload").increment(score.timeline().size() - score.quietWindows());
        registry.counter("screamguard_incidents", "source", "upload").increment(score.incidents().size());
        countOutcome(score.scream() ? "scream" : "no_scream");

        Location location = locations.resolve(request.browserLocation(), request.device().ipAddress());
        boolean raise = request.alert() && score.scream() && request.userId() != null;
        double scoredMean = score.timeline().stream().filter(w -> !w.quiet()).mapToDouble(WindowScore::probability)
                .average().orElse(0);
        EventRecord event = new EventRecord(EventType.UPLOAD, clock.instant(),
                EventSource.upload(request.fileName(), score.format()), clamp(score.peakProbability()), score.scream(),
                score.thresholdProbability(),
                new TimelineSummary(score.durationSeconds(), score.timeline().size(), score.quietWindows(),
                        score.windowsAboveThreshold(), scoredMean, 0, score.incidents()),
                location, request.device(), request.userId(), model.version(),
                score.peakFeatures().length == 0 ? FeatureVector.empty()
                        : new FeatureVector(model.featuresRead(), score.peakFeatures()),
                raise ? new AlertStatus("sending", java.util.List.of()) : AlertStatus.NONE, null);
        String eventId = events.recordLater(event);
        if (raise) {
            alarms.raiseAtOnce(new LiveIncident(eventId, request.userId(),
                    request.userEmail() != null ? request.userEmail() : request.userId(), "upload:" + eventId,
                    clamp(score.peakProbability()), event.timestamp(), java.time.ZoneOffset.UTC, () -> location, m -> { }));
        }
        return new UploadResult(eventId, score.scream() ? "scream" : "no_scream", score.scream(),
                score.peakProbability(), score.thresholdProbability(), model.version(), score.format(),
                score.durationSeconds(), score.timeline(), score.incidents(), location,
                raise ? "raising" : request.alert() ? "no_scream" : "none");
    }

    /** Counts an upload outcome: scream, no_scream, too_large, unsupported_format, corrupt, bad_request, ... */
    public void countOutcome(String outcome) {
        registry.counter("screamguard_uploads", "outcome", outcome).increment();
    }

    private static double clamp(double p) {
        return Math.min(1, Math.max(0, p));
    }
}
