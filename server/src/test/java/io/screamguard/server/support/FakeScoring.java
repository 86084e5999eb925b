package io.screamguard.server.support;

import io.screamguard.server.scoring.AudioRejected;
import io.screamguard.server.scoring.ClipScore;
import io.screamguard.server.scoring.DetectorTuning;
import io.screamguard.server.scoring.HopScore;
import io.screamguard.server.scoring.IncidentSummary;
import io.screamguard.server.scoring.ModelInfo;
import io.screamguard.server.scoring.Scoring;
import io.screamguard.server.scoring.StreamFormat;
import io.screamguard.server.scoring.StreamListener;
import io.screamguard.server.scoring.StreamScorer;
import io.screamguard.server.scoring.WindowScore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A scorer whose answer is known: the "probability" of a window is its RMS / 0.2 (capped at 1),
 * windows of 0.5 s every 0.25 s, RMS below 0.001 is quiet, and 2 of 3 windows at or above 0.5
 * make an incident (reported when it ends). A loud tone is a "scream", quiet noise is not. Reads
 * only 16-bit PCM WAV; anything else without a RIFF header is an unsupported format.
 */
public final class FakeScoring implements Scoring {
    public static final double WINDOW_S = 0.5;
    public static final double HOP_S = 0.25;
    public static final double THRESHOLD = 0.5;
    public static final ModelInfo MODEL = new ModelInfo("fake-loudness-1", THRESHOLD, List.of("rms", "probability"),
            HOP_S, WINDOW_S, List.of("rms", "probability"));

    private final double maxSeconds;
    /** The settings in force; the fake applies the threshold (its debounce stays 2 of 3, its gate 0.001). */
    private final java.util.concurrent.atomic.AtomicReference<DetectorTuning> tuning =
            new java.util.concurrent.atomic.AtomicReference<>(new DetectorTuning(THRESHOLD, 2, 3, 0.001));

    /** @param maxSeconds the duration limit (TOO_LONG above) */
    public FakeScoring(double maxSeconds) {
        this.maxSeconds = maxSeconds;
    }

    @Override
    public ModelInfo model() {
        return new ModelInfo(MODEL.version(), tuning.get().thresholdProbability(), MODEL.featureNames(), HOP_S, WINDOW_S,
                MODEL.featuresRead());
    }

    @Override
    public DetectorTuning tuning() {
        return tuning.get();
    }

    @Override
    public void retune(DetectorTuning next) {
        tuning.set(next);
    }

    @Override
    public ClipScore scoreClip(byte[] audio) throws AudioRejected {
        if (audio.length == 0) {
            throw new AudioRejected(AudioRejected.Reason.EMPTY, "unknown", "the file is empty");
        }
        if (audio.length < 12 || !new String(audio, 0, 4).equals("RIFF") || !new String(audio, 8, 4).equals("WAVE")) {
            throw new AudioRejected(AudioRejected.Reason.UNSUPPORTED_FORMAT, "unknown",
                    "unknown audio format (no RIFF/WAVE header); send wav");
        }
        ByteBuffer b = ByteBuffer.wrap(audio).order(ByteOrder.LITTLE_ENDIAN);
        int rate = 0;
        int channels = 0;
        int pos = 12;
        while (pos + 8 <= audio.length) {
            String id = new String(audio, pos, 4);
            int size = b.getInt(pos + 4);
            if (id.equals("fmt ")) {
                channels = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
            } else if (id.equals("data")) {
                if (rate == 0) {
                    throw new AudioRejected(AudioRejected.Reason.CORRUPT, "wav", "data chunk before fmt chunk");
                }
                if (size < 0 || pos + 8L + size > audio.length) {
                    throw new AudioRejected(AudioRejected.Reason.TRUNCATED, "wav",
                            "the wav data chunk declares " + size + " bytes but only " + (audio.length - pos - 8) + " follow");
                }
                double seconds = size / 2.0 / channels / rate;
                if (seconds > maxSeconds) {
                    throw new AudioRejected(AudioRejected.Reason.TOO_LONG, "wav",
                            String.format("the recording lasts %.1f s", seconds));
                }
                return score(audio, pos + 8, size, rate, channels);
            }
            pos += 8 + size + (size & 1);
        }
        throw new AudioRejected(AudioRejected.Reason.CORRUPT, "wav", "no data chunk in the wav file");
    }

    private ClipScore score(byte[] audio, int offset, int length, int rate, int channels) {
        List<WindowScore> timeline = new ArrayList<>();
        List<IncidentSummary> incidents = new ArrayList<>();
        float[][] peak = {new float[0]};
        double[] peakP = {0};
        double threshold = tuning.get().thresholdProbability();
        Stream s = new Stream(new StreamFormat(rate, StreamFormat.Encoding.S16LE, channels), () -> threshold, new StreamListener() {
            @Override
            public void onHop(HopScore hop) {
                timeline.add(new WindowScore(Math.max(0, hop.endSeconds() - WINDOW_S), hop.endSeconds(), hop.probability(),
                        hop.rms(), "quiet".equals(hop.state())));
                if (hop.probability() > peakP[0] || peak[0].length == 0) {
                    peakP[0] = Math.max(peakP[0], hop.probability());
                    peak[0] = hop.features();
                }
            }

            @Override
            public void onIncident(IncidentSummary incident) {
                incidents.add(incident);
            }
        });
        s.accept(audio, offset, length);
        s.finish();
        return new ClipScore("wav", length / 2.0 / channels / rate, timeline, incidents, peakP[0], !incidents.isEmpty(),
                threshold, peak[0]);
    }

    @Override
    public StreamScorer openStream(StreamFormat format, StreamListener listener) {
        return new Stream(format, () -> tuning.get().thresholdProbability(), listener); // read before every window
    }

    /** The streaming scorer; the clip path uses it too, so both give the same incidents. */
    static final class Stream implements StreamScorer {
        private final StreamFormat format;
        private final StreamListener listener;
        private final java.util.function.DoubleSupplier threshold;
        private final int windowSamples;
        private final int hopSamples;
        private final float[] ring;
        private final byte[] partial;
        private int partialLength;
        private long samples;
        private long nextWindowEnd;
        private final boolean[] recent = new boolean[3];
        private int windowIndex;
        private boolean open;
        private double openStart;
        private double lastAboveEnd;
        private double incidentPeak;
        private int incidentWindows;

        Stream(StreamFormat format, java.util.function.DoubleSupplier threshold, StreamListener listener) {
            this.threshold = threshold;
            this.format = format;
            this.listener = listener;
            this.windowSamples = (int) Math.round(WINDOW_S * format.sampleRateHz());
            this.hopSamples = (int) Math.round(HOP_S * format.sampleRateHz());
            this.ring = new float[windowSamples];
            this.partial = new byte[format.frameBytes()];
            this.nextWindowEnd = windowSamples;
        }

        @Override
        public void accept(byte[] data, int offset, int length) {
            int fb = format.frameBytes();
            int i = offset;
            int end = offset + length;
            while (i < end) {
                int take = Math.min(fb - partialLength, end - i);
                System.arraycopy(data, i, partial, partialLength, take);
                partialLength += take;
                i += take;
                if (partialLength == fb) {
                    push(frame());
                    partialLength = 0;
                }
            }
        }

        private float frame() {
            ByteBuffer b = ByteBuffer.wrap(partial).order(ByteOrder.LITTLE_ENDIAN);
            double sum = 0;
            for (int c = 0; c < format.channels(); c++) {
                if (format.encoding() == StreamFormat.Encoding.S16LE) {
                    sum += b.getShort() / 32768.0;
                } else {
                    float v = b.getFloat();
                    if (!Float.isFinite(v)) {
                        throw new IllegalArgumentException("f32 sample is " + v);
                    }
                    sum += v;
                }
            }
            return (float) (sum / format.channels());
        }

        private void push(float sample) {
            ring[(int) (samples % windowSamples)] = sample;
            samples++;
            if (samples == nextWindowEnd) {
                window();
                nextWindowEnd += hopSamples;
            }
        }

        private void window() {
            double sq = 0;
            for (float v : ring) {
                sq += v * v;
            }
            double rms = Math.sqrt(sq / windowSamples);
            double endS = samples / (double) format.sampleRateHz();
            boolean quiet = rms < 0.001;
            double p = quiet ? 0 : Math.min(1, rms / 0.2);
            boolean above = p >= threshold.getAsDouble();
            recent[windowIndex++ % 3] = above;
            int count = (recent[0] ? 1 : 0) + (recent[1] ? 1 : 0) + (recent[2] ? 1 : 0);
            if (above) {
                if (!open && incidentWindows == 0) {
                    openStart = Math.max(0, endS - WINDOW_S);
                    incidentPeak = 0;
                }
                lastAboveEnd = endS;
                incidentPeak = Math.max(incidentPeak, p);
                incidentWindows++;
            }
            String state;
            if (!open && count >= 2) {
                open = true;
                state = "incident";
                listener.onIncidentStarted(openStart, endS, incidentPeak);
            } else if (open && count < 2 && !above) {
                open = false;
                listener.onIncident(new IncidentSummary(openStart, lastAboveEnd, incidentPeak, incidentWindows));
                incidentWindows = 0;
                state = quiet ? "quiet" : "below";
            } else {
                state = open ? "incident" : quiet ? "quiet" : above ? "above" : "below";
            }
            if (!open && count == 0) {
                incidentWindows = 0;
            }
            listener.onHop(new HopScore(endS, p, rms, state, new float[] {(float) rms, (float) p}));
        }

        /** Skipped frames advance time; the next window is the first on the hop grid made only of new audio. */
        @Override
        public void skipFrames(long frames) {
            if (partialLength != 0) {
                throw new IllegalStateException("skip with a partial frame pending");
            }
            samples += frames;
            java.util.Arrays.fill(ring, 0f);
            long hops = (samples + hopSamples - 1) / hopSamples;
            nextWindowEnd = windowSamples + hops * hopSamples;
        }

        @Override
        public void finish() {
            if (open) {
                open = false;
                listener.onIncident(new IncidentSummary(openStart, lastAboveEnd, incidentPeak, incidentWindows));
                incidentWindows = 0;
            }
        }
    }
}
