package io.screamguard.server.alert;

import io.github.resilience4j.core.IntervalFunction;
import io.screamguard.server.store.StoreUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that sends the outbox's jobs (never a scoring or request thread). It claims the
 * oldest due job, sends it through its channel's {@link Sender}, and records the outcome: sent with
 * the provider's id; a transient failure queued again after an exponential backoff with jitter
 * (resilience4j's {@link IntervalFunction}: ALERT_RETRY_SECONDS, doubling, +/- 50 %) until
 * ALERT_MAX_ATTEMPTS; a permanent failure failed at once with the provider's reason. Because the
 * state lives in MongoDB, a restart picks up where the last process stopped. Several instances
 * may run a dispatcher on one outbox: a claim is a lease held by this instance ({@link #owner()}),
 * renewed every third of OUTBOX_LEASE_SECONDS while the send runs, so no other instance takes a
 * job that is being sent; a lease that runs out (the instance was killed or hangs) lets any
 * instance take the job over. A job is only marked sent after its provider accepted it, so a
 * crash in the middle of a send is the only case that can repeat a message (at-least-once), and
 * nothing marked sent is ever sent again.
 */
final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** How often the outbox is polled when nobody wakes the thread. */
    static final long POLL_MILLIS = 250;

    private final OutboxStore outbox;
    private final EventAlerts events;
    private final Map<Channel, Sender> senders;
    private final Runnable whenIdle;
    private final IntervalFunction backoff;
    private final int maxAttempts;
    private final Clock clock;
    private final Thread thread;
    private final Object wake = new Object();
    private volatile boolean running = true;
    private boolean woken;
    private final String owner;
    private final Duration lease;
    private final java.util.concurrent.ScheduledExecutorService renewer;
    /** The key of the job being sent now, or null. */
    private final java.util.concurrent.atomic.AtomicReference<String> sending = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * @param outbox       the jobs
     * @param events       where each change of status is written
     * @param senders      one per channel
     * @param retryInitial first backoff
     * @param maxAttempts  attempts per job
     * @param clock        timestamps and due times
     * @param whenIdle     runs when no job is due (escalations, event updates still waiting for their event)
     * @param owner        this instance's id, written in the leases it takes
     * @param lease        how long a claim lasts without renewal
     */
    Dispatcher(OutboxStore outbox, EventAlerts events, Map<Channel, Sender> senders, Duration retryInitial,
               int maxAttempts, Clock clock, Runnable whenIdle, String owner, Duration lease) {
        if (lease.toMillis() < 300) {
            throw new IllegalArgumentException("the outbox lease must be at least 0.3 s, got " + lease);
        }
        this.owner = owner;
        this.lease = lease;
        this.renewer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alert-lease");
            t.setDaemon(true);
            return t;
        });
        this.whenIdle = whenIdle;
        this.outbox = outbox;
        this.events = events;
        this.senders = Map.copyOf(senders);
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(retryInitial, 2.0, 0.5);
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.thread = new Thread(this::run, "alert-dispatcher");
        this.thread.setDaemon(true);
    }

    void start() {
        long every = Math.max(100, lease.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renew, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        LOG.info("alert dispatcher: instance {}, outbox leases of {} ms", owner, lease.toMillis());
        thread.start();
    }

    /** This instance's id in the leases. */
    String owner() {
        return owner;
    }

    /** A random id of this process: host name, process id and 8 random hex digits. */
    static String newInstanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid() + ":"
                + String.format("%08x", new java.security.SecureRandom().nextInt());
    }

    private void renew() {
        String key = sending.get();
        if (key == null) {
            return;
        }
        try {
            if (!outbox.renew(key, owner, clock.instant().plus(lease)) && key.equals(sending.get())) {
                LOG.warn("outbox: the lease on {} was lost while sending it (another instance may send it too)", key);
            }
        } catch (StoreUnavailable e) {
            LOG.warn("outbox: renewing the lease on {}: {}", key, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("outbox: renewing the lease on {} failed", key, e);
        }
    }

    /** Makes the thread look at the outbox now (a job was queued). */
    void wake() {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                Instant now = clock.instant();
                Optional<OutboxJob> job = outbox.claimDue(now, owner, now.plus(lease));
                if (job.isPresent()) {
                    sending.set(job.get().key());
                    try {
                        send(job.get());
                    } finally {
                        sending.set(null);
                    }
                    continue;
                }
                events.retryPending();
                whenIdle.run();
            } catch (StoreUnavailable e) {
                LOG.warn("outbox unreachable: {}", e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("alert dispatcher: unexpected failure", e);
            }
            synchronized (wake) {
                if (!woken && running) {
                    try {
                        wake.wait(POLL_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    private void send(OutboxJob job) {
        int attempt = job.attempts() + 1;
        Sender sender = senders.get(job.channel());
        try {
            String providerId = sender.send(job.message());
            Instant now = clock.instant();
            settle(job.key(), DeliveryStatus.SENT, attempt, now, providerId, null, now);
            LOG.info("alert {}: {} to contact {} sent (attempt {}, id {})", job.alertId(), job.channel().wireName(),
                    job.contactId(), attempt, providerId);
        } catch (SendFailure f) {
            Instant now = clock.instant();
            if (f.retryable() && attempt < maxAttempts) {
                Instant next = now.plusMillis(backoff.apply(attempt));
                settle(job.key(), DeliveryStatus.QUEUED, attempt, next, null, f.getMessage(), now);
                LOG.warn("alert {}: {} to contact {} failed (attempt {} of {}), retry at {}: {}", job.alertId(),
                        job.channel().wireName(), job.contactId(), attempt, maxAttempts, next, f.getMessage());
            } else {
                settle(job.key(), DeliveryStatus.FAILED, attempt, now, null, f.getMessage(), now);
                LOG.error("alert {}: {} to contact {} FAILED after {} attempt(s): {}", job.alertId(),
                        job.channel().wireName(), job.contactId(), attempt, f.getMessage());
            }
        } catch (RuntimeException e) { // a bug in a sender: do not loop on it
            Instant now = clock.instant();
            settle(job.key(), DeliveryStatus.FAILED, attempt, now, null, "internal error: " + e, now);
            LOG.error("alert {}: sending {} failed with an unexpected error", job.alertId(), job.key(), e);
        }
        events.alertChanged(job.alertId());
    }

    /** Records the outcome; the job is no longer this instance's to renew (settling ends the lease). */
    private void settle(String key, DeliveryStatus status, int attempts, Instant next, String providerId, String error,
                        Instant now) {
        sending.set(null);
        outbox.settle(key, status, attempts, next, providerId, error, now);
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        renewer.shutdownNow();
    }
}
