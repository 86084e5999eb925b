package io.screamguard.server.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/** A stream's buffer: whole hops out, partial samples carried, shedding in whole hops, and who may be made to wait. */
class PcmBufferTest {
    /** 16-bit mono, hops of 400 frames (800 bytes), bound 2 hops, a wait limit far beyond any test. */
    static PcmBuffer buffer(double bytesPerSecond, Semaphore permits) {
        return new PcmBuffer(2, 400, 1600, Duration.ofSeconds(60).toNanos(), bytesPerSecond, permits);
    }

    @Test
    void messages_of_odd_sizes_come_out_as_whole_hops_in_order() throws Exception {
        PcmBuffer b = buffer(0, new Semaphore(1));
        byte[] all = new byte[1600];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        for (int at = 0; at < all.length; at += 7) {
            b.append(java.util.Arrays.copyOfRange(all, at, Math.min(all.length, at + 7)));
        }

        PcmBuffer.Slice first = b.take(false);
        PcmBuffer.Slice second = b.take(false);

        assertEquals(800, first.bytes().length);
        assertEquals((byte) 0, first.bytes()[0]);
        assertEquals((byte) 800, second.bytes()[0]);
        assertNull(b.take(false), "no third hop");
        assertEquals(0, first.skipFrames() + second.skipFrames());
    }

    @Test
    void a_client_at_real_time_pace_is_never_made_to_wait_and_its_oldest_whole_hops_are_shed() {
        // 32 000 bytes per second: 0.1 s of audio sent at once is not ahead of real time
        PcmBuffer b = buffer(32_000, new Semaphore(16));

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> { // a wait would last the 60 s limit
            for (int i = 0; i < 4; i++) {
                b.append(new byte[800]); // 4 hops against a bound of 2
            }
        });

        assertTrue(b.size() <= 1600, "held " + b.size());
        assertEquals(2, b.shedHops());
        assertEquals(800, b.take(false).skipFrames(), "the 2 shed hops are skipped before the next one, in whole hops");
    }

    @Test
    void a_fast_client_is_not_held_when_every_waiting_permit_is_taken() {
        PcmBuffer b = buffer(0, new Semaphore(0)); // bytesPerSecond 0: counts as ahead of real time

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 4; i++) {
                b.append(new byte[800]);
            }
        });

        assertEquals(2, b.shedHops());
    }

    @Test
    void a_stream_behind_real_time_sheds_down_to_its_newest_hop_at_once_leaving_room_for_a_whole_window() throws Exception {
        // bound 3 hops (a window of 2 hops plus one, as STREAM_QUEUE_SECONDS 1.5 s is for the shipped model),
        // 10 messages a hop (0.1 s frames at 0.5 s hops); a real-time client is never held
        PcmBuffer b = new PcmBuffer(2, 400, 2400, Duration.ofSeconds(60).toNanos(), 32_000, new Semaphore(16));
        for (int i = 0; i < 30; i++) {
            b.append(new byte[80]); // the worker is behind: 3 hops wait, the bound is full
        }

        b.append(new byte[80]); // one message more than the bound holds

        assertEquals(2, b.shedHops(), "the two oldest hops went in one run, not one per message");
        assertEquals(880, b.size(), "the newest hop and the new message");
        for (int i = 0; i < 19; i++) {
            b.append(new byte[80]); // the next second of audio fits without another shed
        }
        assertEquals(2, b.shedHops());
        PcmBuffer.Slice first = b.take(false);
        PcmBuffer.Slice second = b.take(false);
        assertEquals(800, first.skipFrames(), "the shed hops are skipped before the first");
        assertEquals(0, second.skipFrames(), "then two unbroken hops: a whole window to score");
    }
}
