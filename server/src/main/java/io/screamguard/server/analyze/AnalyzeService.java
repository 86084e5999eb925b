package io.screamguard.server.analyze;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

    /**
     * @param scoring   the clip scorer
     * @param events    the event log
     * @param locations browser / IP / none
     * @param clock     event timestamps
     * @param registry  meters: uploads by outcome, windows scored, incidents, analysis time
     */
    public AnalyzeService(Scoring scoring, EventLog events, LocationResolver locations, Clock clock,
                          MeterRegistry registry) {
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
     */
    public UploadResult analyze(UploadRequest request) throws AudioRejected {
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
        double scoredMean = score.timeline().stream().filter(w -> !w.quiet()).mapToDouble(WindowScore::probability)
                .average().orElse(0);
        EventRecord event = new EventRecord(EventType.UPLOAD, clock.instant(),
                EventSource.upload(request.fileName(), score.format()), clamp(score.peakProbability()), score.scream(),
                score.thresholdProbability(),
                new TimelineSummary(score.durationSeconds(), score.timeline().size(), score.quietWindows(),
                        score.windowsAboveThreshold(), scoredMean, 0, score.incidents()),
                location, request.device(), request.userId(), model.version(),
                score.peakFeatures().length == 0 ? FeatureVector.empty()
                        : new FeatureVector(model.featureNames(), score.peakFeatures()),
                AlertStatus.NOT_CONFIGURED, null);
        String eventId = events.recordLater(event);
        return new UploadResult(eventId, score.scream() ? "scream" : "no_scream", score.scream(),
                score.peakProbability(), score.thresholdProbability(), model.version(), score.format(),
                score.durationSeconds(), score.timeline(), score.incidents(), location);
    }

    /** Counts an upload outcome: scream, no_scream, too_large, unsupported_format, corrupt, bad_request, ... */
    public void countOutcome(String outcome) {
        registry.counter("screamguard_uploads", "outcome", outcome).increment();
    }

    private static double clamp(double p) {
        return Math.min(1, Math.max(0, p));
    }
}
