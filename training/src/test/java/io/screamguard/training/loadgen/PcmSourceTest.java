package io.screamguard.training.loadgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PcmSourceTest {

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    @Test
    void a_chunk_past_the_end_wraps_around_the_loop() {
        var source = new PcmSource(new byte[] {0, 1, 2, 3, 4, 5}, 8000);

        assertArrayEquals(new byte[] {2, 3, 4, 5}, bytes(source.chunk(2, 4)));
        assertArrayEquals(new byte[] {4, 5, 0, 1, 2, 3, 4, 5, 0, 1}, bytes(source.chunk(10, 10)));
    }

    @Test
    void converts_full_scale_and_clips_beyond_it() {
        byte[] s16 = PcmSource.toS16le(new float[] {0f, 1f, -1f, 2f});

        assertArrayEquals(new byte[] {0, 0, (byte) 0xFF, 0x7F, 0x01, (byte) 0x80, (byte) 0xFF, 0x7F}, s16);
    }

    @Test
    void knows_its_duration() {
        assertEquals(0.5, new PcmSource(new byte[8000], 8000).durationSeconds());
    }

    @Test
    void rejects_an_odd_number_of_bytes() {
        assertThrows(IllegalArgumentException.class, () -> new PcmSource(new byte[3], 8000));
    }
}
