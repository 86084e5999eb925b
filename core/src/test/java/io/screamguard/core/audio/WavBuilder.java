package io.screamguard.core.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds WAV files byte by byte for tests, including the odd and the broken ones. */
final class WavBuilder {

    private String riffId = "RIFF";
    private boolean bigEndian;
    private int tag = 1;
    private int channels = 1;
    private long sampleRateHz = 16000;
    private int bitsPerSample = 16;
    private Integer blockAlign;
    private boolean extensible;
    private byte[] data = new byte[0];
    private Long declaredDataSize;
    private boolean dataBeforeFmt;
    private final List<byte[]> extraChunks = new ArrayList<>();

    WavBuilder riffId(String id) {
        this.riffId = id;
        this.bigEndian = id.equals("RIFX");
        return this;
    }

    WavBuilder format(int tag, int channels, long sampleRateHz, int bitsPerSample) {
        this.tag = tag;
        this.channels = channels;
        this.sampleRateHz = sampleRateHz;
        this.bitsPerSample = bitsPerSample;
        return this;
    }

    WavBuilder blockAlign(int bytes) {
        this.blockAlign = bytes;
        return this;
    }

    WavBuilder extensible() {
        this.extensible = true;
        return this;
    }

    WavBuilder data(byte[] bytes) {
        this.data = bytes;
        return this;
    }

    WavBuilder declaredDataSize(long size) {
        this.declaredDataSize = size;
        return this;
    }

    WavBuilder dataBeforeFmt() {
        this.dataBeforeFmt = true;
        return this;
    }

    /** Adds an unknown chunk (written before fmt), e.g. an odd-sized "LIST" with its pad byte. */
    WavBuilder chunk(String id, int size) {
        ByteBuffer chunk = order(ByteBuffer.allocate(8 + size + (size & 1)));
        chunk.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(size);
        extraChunks.add(chunk.array());
        return this;
    }

    /** Interleaves channels and encodes them as PCM of the given bits (8 unsigned, 16, 24, 32) or float (-32/-64). */
    byte[] encode(float[]... channelSamples) {
        int frames = channelSamples[0].length;
        int bytes = Math.abs(bitsPerSample) / 8;
        ByteBuffer out = order(ByteBuffer.allocate(frames * channelSamples.length * bytes));
        for (int f = 0; f < frames; f++) {
            for (float[] channel : channelSamples) {
                double v = channel[f];
                if (tag == 3) {
                    if (bytes == 4) {
                        out.putFloat((float) v);
                    } else {
                        out.putDouble(v);
                    }
                } else if (bytes == 1) {
                    out.put((byte) (Math.round(v * 127) + 128));
                } else if (bytes == 2) {
                    out.putShort((short) Math.round(v * 32767));
                } else if (bytes == 3) {
                    int s = (int) Math.round(v * 8388607);
                    if (bigEndian) {
                        out.put((byte) (s >> 16)).put((byte) (s >> 8)).put((byte) s);
                    } else {
                        out.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                    }
                } else {
                    out.putInt((int) Math.round(v * 2147483647.0));
                }
            }
        }
        return out.array();
    }

    byte[] build() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        extraChunks.forEach(body::writeBytes);
        if (dataBeforeFmt) {
            body.writeBytes(dataChunk());
            body.writeBytes(fmtChunk());
        } else {
            body.writeBytes(fmtChunk());
            body.writeBytes(dataChunk());
        }
        byte[] b = body.toByteArray();
        ByteBuffer out = order(ByteBuffer.allocate(8 + b.length));
        out.put(riffId.getBytes(StandardCharsets.US_ASCII)).putInt(b.length).put(b);
        return out.array();
    }

    private byte[] fmtChunk() {
        int bytes = Math.abs(bitsPerSample) / 8;
        int align = blockAlign != null ? blockAlign : channels * bytes;
        int size = extensible ? 40 : 16;
        ByteBuffer fmt = order(ByteBuffer.allocate(8 + size));
        fmt.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(size);
        fmt.putShort((short) (extensible ? 0xFFFE : tag)).putShort((short) channels).putInt((int) sampleRateHz)
                .putInt((int) (sampleRateHz * align)).putShort((short) align).putShort((short) Math.abs(bitsPerSample));
        if (extensible) {
            fmt.putShort((short) 22).putShort((short) Math.abs(bitsPerSample)).putInt(0).putShort((short) tag)
                    .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        return fmt.array();
    }

    private byte[] dataChunk() {
        ByteBuffer chunk = order(ByteBuffer.allocate(8 + data.length + (data.length & 1)));
        chunk.put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt((int) (declaredDataSize != null ? declaredDataSize : data.length)).put(data);
        return chunk.array();
    }

    private ByteBuffer order(ByteBuffer buffer) {
        return buffer.order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }
}
