package io.screamguard.core.detection;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a sequence of windows (end sample, RMS, scream probability) into window states and
 * incidents: loudness gate, threshold, k-of-n debounce.
 *
 * <p>Rules, with "hot" meaning loud and {@code probability >= thresholdProbability}:
 * <ul>
 *   <li>a window with {@code rms < quietRms} is quiet: it is not scored and counts as not hot;</li>
 *   <li>an incident opens on the window that makes at least k of the last n windows hot; it starts
 *       where the earliest hot window among those n starts;</li>
 *   <li>while open, every hot window extends it (end = end of the latest hot window) and may raise
 *       its peak; it closes when none of the last n windows is hot, or at {@link #finish()}.</li>
 * </ul>
 * Times are audio sample positions at the analysis rate converted to seconds; the wall clock is
 * never read, so the same audio gives the same incidents whatever its delivery speed.
 *
 * <p>Allocation-free per window except when an incident closes. Not thread-safe: one detector per
 * clip analysis or per live stream.
 */
public final class ScreamDetector {

    /** Where the settings come from: read before every window, so a swapped value applies at the next window. */
    private final java.util.function.Supplier<DetectorConfig> configSource;
    private DetectorConfig config;
    private final double sampleRateHz;
    private final int windowSamples;
    private final IncidentListener listener;

    // the last n windows, a ring: whether each was hot, and the hot ones' start sample and probability
    private boolean[] ringHot;
    private long[] ringStartSample;
    private double[] ringProbability;
    private int ringNext;
    private int hotInRing;

    private boolean incidentOpen;
    private long incidentStartSample;
    private long incidentLastHotEndSample;
    private double incidentPeakProbability;
    private int incidentHotWindows;

    private final List<Incident> incidents = new ArrayList<>();
    private long lastEndSample = Long.MIN_VALUE;
    private long windowsScored;
    private long windowsQuiet;
    private double peakProbability;
    private long peakEndSample = -1;
    private boolean finished;

    /**
     * @param config        threshold, debounce and loudness gate
     * @param sampleRateHz  rate of the sample positions passed to {@link #accept}, e.g. 16000
     * @param windowSamples length of one window in those samples, e.g. 16000 for 1 s at 16 kHz
     * @param listener      receives incident start/end events as they happen; {@link IncidentListener#NONE} if unused
     */
    public ScreamDetector(DetectorConfig config, int sampleRateHz, int windowSamples, IncidentListener listener) {
        this(constant(config), sampleRateHz, windowSamples, listener);
    }

    /**
     * A detector whose settings may change while it runs (an administrator retuning live streams):
     * the supplier is read before every window and a new value applies from that window on. When
     * the debounce length n changes, the most recent min(old, new) windows are kept; an open
     * incident stays open until n windows without a hot one follow.
     *
     * @param configSource  current threshold, debounce and loudness gate; must be cheap and
     *                      thread-safe (e.g. an {@code AtomicReference::get}) and never return null
     * @param sampleRateHz  rate of the sample positions passed to {@link #accept}
     * @param windowSamples length of one window in those samples
     * @param listener      receives incident start/end events
     */
    public ScreamDetector(java.util.function.Supplier<DetectorConfig> configSource, int sampleRateHz,
                          int windowSamples, IncidentListener listener) {
        if (configSource == null || configSource.get() == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        DetectorConfig config = configSource.get();
        if (sampleRateHz <= 0) {
            throw new IllegalArgumentException("sampleRateHz must be > 0, got " + sampleRateHz);
        }
        if (windowSamples <= 0) {
            throw new IllegalArgumentException("windowSamples must be > 0, got " + windowSamples);
        }
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null (use IncidentListener.NONE)");
        }
        this.configSource = configSource;
        this.config = config;
        this.sampleRateHz = sampleRateHz;
        this.windowSamples = windowSamples;
        this.listener = listener;
        this.ringHot = new boolean[config.debounceN()];
        this.ringStartSample = new long[config.debounceN()];
        this.ringProbability = new double[config.debounceN()];
    }

    private static java.util.function.Supplier<DetectorConfig> constant(DetectorConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        return () -> config;
    }

    /** @return the configuration this detector applies (the one of the latest window) */
    public DetectorConfig config() {
        return config;
    }

    /** Adopts the source's current settings; resizes the debounce ring (newest windows kept) when n changed. */
    private void refreshConfig() {
        DetectorConfig next = configSource.get();
        if (next == null || next == config) {
            return;
        }
        if (next.debounceN() != config.debounceN()) {
            int oldN = ringHot.length;
            int newN = next.debounceN();
            boolean[] hot = new boolean[newN];
            long[] start = new long[newN];
            double[] probability = new double[newN];
            int kept = Math.min(oldN, newN);
            hotInRing = 0;
            for (int i = 0; i < kept; i++) { // i = 0 is the newest window
                int from = Math.floorMod(ringNext - 1 - i, oldN);
                int to = kept - 1 - i;
                hot[to] = ringHot[from];
                start[to] = ringStartSample[from];
                probability[to] = ringProbability[from];
                hotInRing += hot[to] ? 1 : 0;
            }
            ringHot = hot;
            ringStartSample = start;
            ringProbability = probability;
            ringNext = kept % newN;
        }
        config = next;
    }

    /**
     * Whether a window of this RMS is below the loudness gate; callers skip scoring such windows and
     * pass {@link Double#NaN} as its probability.
     *
     * @param windowRms RMS of the window's samples
     * @return true when the window must not be scored
     */
    public boolean isQuiet(double windowRms) {
        refreshConfig();
        return config.isQuiet(windowRms);
    }

    /**
     * Feeds the next window.
     *
     * @param endSample   position just past the window's last sample, at the analysis rate; must
     *                    increase from call to call
     * @param windowRms   RMS of the window, finite and &gt;= 0
     * @param probability scream probability in [0, 1]; ignored (may be NaN) when the window is quiet
     * @return the state after this window
     * @throws IllegalArgumentException for a non-increasing end sample or a bad value
     * @throws IllegalStateException    after {@link #finish()}
     */
    public WindowState accept(long endSample, double windowRms, double probability) {
        if (finished) {
            throw new IllegalStateException("accept() after finish(): use a new ScreamDetector");
        }
        if (endSample <= lastEndSample) {
            throw new IllegalArgumentException("endSample must increase, got " + endSample
                    + " after " + lastEndSample);
        }
        if (!(windowRms >= 0.0) || Double.isInfinite(windowRms)) {
            throw new IllegalArgumentException("windowRms must be finite and >= 0, got " + windowRms);
        }
        refreshConfig();
        boolean quiet = config.isQuiet(windowRms);
        if (!quiet && !(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be in [0, 1] for a loud window, got " + probability);
        }
        lastEndSample = endSample;
        boolean hot = false;
        if (quiet) {
            windowsQuiet++;
        } else {
            windowsScored++;
            if (probability > peakProbability || peakEndSample < 0) {
                peakProbability = probability;
                peakEndSample = endSample;
            }
            hot = probability >= config.thresholdProbability();
        }
        long startSample = Math.max(0L, endSample - windowSamples);
        remember(hot, startSample, probability);

        if (incidentOpen) {
            if (hot) {
                incidentLastHotEndSample = endSample;
                incidentHotWindows++;
                incidentPeakProbability = Math.max(incidentPeakProbability, probability);
            } else if (hotInRing == 0) {
                closeIncident();
            }
        } else if (hotInRing >= config.debounceK()) {
            openIncident(endSample);
        }

        if (incidentOpen) {
            return WindowState.INCIDENT;
        }
        if (quiet) {
            return WindowState.QUIET;
        }
        return hot ? WindowState.ABOVE_THRESHOLD : WindowState.BELOW_THRESHOLD;
    }

    private void remember(boolean hot, long startSample, double probability) {
        if (ringHot[ringNext]) {
            hotInRing--;
        }
        ringHot[ringNext] = hot;
        ringStartSample[ringNext] = startSample;
        ringProbability[ringNext] = hot ? probability : 0.0;
        if (hot) {
            hotInRing++;
        }
        ringNext = (ringNext + 1) % ringHot.length;
    }

    private void openIncident(long endSample) {
        long earliestStart = Long.MAX_VALUE;
        double peak = 0.0;
        for (int i = 0; i < ringHot.length; i++) {
            if (ringHot[i]) {
                earliestStart = Math.min(earliestStart, ringStartSample[i]);
                peak = Math.max(peak, ringProbability[i]);
            }
        }
        incidentOpen = true;
        incidentStartSample = earliestStart;
        incidentLastHotEndSample = endSample;
        incidentPeakProbability = peak;
        incidentHotWindows = hotInRing;
        listener.incidentStarted(seconds(earliestStart), seconds(endSample), peak);
    }

    private void closeIncident() {
        Incident incident = new Incident(seconds(incidentStartSample), seconds(incidentLastHotEndSample),
                incidentPeakProbability, incidentHotWindows);
        incidentOpen = false;
        incidents.add(incident);
        listener.incidentEnded(incident);
    }

    /**
     * Ends the audio: closes an open incident (its end is the end of its last hot window). Further
     * calls do nothing.
     *
     * @return every incident, in order
     */
    public List<Incident> finish() {
        if (!finished) {
            finished = true;
            if (incidentOpen) {
                closeIncident();
            }
        }
        return incidents();
    }

    private double seconds(long sample) {
        return sample / sampleRateHz;
    }

    /** @return the incidents closed so far, in order (an open one is not included), unmodifiable copy */
    public List<Incident> incidents() {
        return List.copyOf(incidents);
    }

    /** @return number of incidents closed so far */
    public int incidentCount() {
        return incidents.size();
    }

    /** @return whether an incident is open now */
    public boolean incidentOpen() {
        return incidentOpen;
    }

    /** @return windows that passed the loudness gate and were scored */
    public long windowsScored() {
        return windowsScored;
    }

    /** @return windows below the loudness gate */
    public long windowsQuiet() {
        return windowsQuiet;
    }

    /**
     * @return the highest probability of any scored window so far, 0 when none was scored (the
     *     clip score shared with training's evaluation)
     */
    public double peakProbability() {
        return peakProbability;
    }

    /** @return end sample of the window with the highest probability, -1 when none was scored */
    public long peakEndSample() {
        return peakEndSample;
    }
}
