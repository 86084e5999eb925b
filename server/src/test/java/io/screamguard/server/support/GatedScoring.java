package io.screamguard.server.support;

import io.screamguard.server.scoring.AudioRejected;
import io.screamguard.server.scoring.ClipScore;
import io.screamguard.server.scoring.ModelInfo;
import io.screamguard.server.scoring.Scoring;
import io.screamguard.server.scoring.StreamFormat;
import io.screamguard.server.scoring.StreamListener;
import io.screamguard.server.scoring.StreamScorer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fake scorer with a gate: each received frame waits for a permit before it is scored, so a
 * test decides exactly when the server is "slow" (no timing assumptions, no flakes on a loaded machine).
 */
public final class GatedScoring implements Scoring {
    private final FakeScoring fake = new FakeScoring(600);
    private final Semaphore permits = new Semaphore(0);
    private final AtomicInteger entered = new AtomicInteger();
    private volatile boolean open;

    @Override
    public ModelInfo model() {
        return fake.model();
    }

    @Override
    public io.screamguard.server.scoring.DetectorTuning tuning() {
        return fake.tuning();
    }

    @Override
    public void retune(io.screamguard.server.scoring.DetectorTuning tuning) {
        fake.retune(tuning);
    }

    /** Uploads wait at the gate too when this is set (before any is sent). */
    private volatile boolean gateUploads;
    private final AtomicInteger clipsEntered = new AtomicInteger();

    /** Holds uploads at the gate as well as stream frames. */
    public GatedScoring gatingUploads() {
        gateUploads = true;
        return this;
    }

    /** Uploads that have reached the scorer. */
    public int clipsEntered() {
        return clipsEntered.get();
    }

    @Override
    public ClipScore scoreClip(byte[] audio) throws AudioRejected {
        clipsEntered.incrementAndGet();
        if (gateUploads) {
            awaitGate();
        }
        return fake.scoreClip(audio);
    }

    private void awaitGate() {
        try {
            while (!open && !permits.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                // wait for the test to open the gate
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Frames that have reached the scorer (scored, or waiting at the gate). */
    public int entered() {
        return entered.get();
    }

    /** Lets every frame through from now on. */
    public void openGate() {
        open = true;
        permits.release(1_000_000);
    }

    private final java.util.List<Integer> hopOrder = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger streamsOpened = new AtomicInteger();

    /**
     * The streams whose hops were scored, in the order the workers scored them: each entry is the
     * index of the stream (0 for the first stream opened, in the order of their hellos).
     */
    public java.util.List<Integer> hopOrder() {
        return java.util.List.copyOf(hopOrder);
    }

    @Override
    public StreamScorer openStream(StreamFormat format, StreamListener listener) {
        int index = streamsOpened.getAndIncrement();
        StreamScorer inner = fake.openStream(format, new StreamListener() {
            @Override
            public void onHop(io.screamguard.server.scoring.HopScore hop) {
                hopOrder.add(index);
                listener.onHop(hop);
            }

            @Override
            public void onIncidentStarted(double startSeconds, double detectedAtSeconds, double peakProbability) {
                listener.onIncidentStarted(startSeconds, detectedAtSeconds, peakProbability);
            }

            @Override
            public void onIncident(io.screamguard.server.scoring.IncidentSummary incident) {
                listener.onIncident(incident);
            }
        });
        return new StreamScorer() {
            @Override
            public void accept(byte[] data, int offset, int length) {
                entered.incrementAndGet();
                awaitGate();
                inner.accept(data, offset, length);
            }

            @Override
            public void skipFrames(long frames) {
                inner.skipFrames(frames);
            }

            @Override
            public void finish() {
                inner.finish();
            }
        };
    }
}
