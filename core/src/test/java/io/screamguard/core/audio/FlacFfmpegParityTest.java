package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screamguard.core.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FLAC files encoded by ffmpeg at test time, across compression levels, LPC types, prediction
 * orders up to 32, stereo modes, 16 and 24-bit samples (24-bit from 16-bit audio carries wasted
 * bits), odd block sizes and rates from 8 to 96 kHz, decode with the project's decoder to exactly
 * the samples ffmpeg decodes. The audio is synthetic: silence (CONSTANT subframes), tones with a
 * little noise (FIXED/LPC) and full-scale noise (VERBATIM-like residuals), different in each channel.
 * Skipped without ffmpeg, except on CI.
 */
class FlacFfmpegParityTest {

    @TempDir
    static Path dir;

    /** One encoding: a name, the source's rate, channels and sample format, and the encoder options. */
    record Encoding(String name, int rateHz, int channels, int bits, List<String> options) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Encoding> encodings() {
        List<Encoding> all = new ArrayList<>();
        for (int level = 0; level <= 12; level++) {
            all.add(new Encoding("level " + level + " 16-bit stereo 44100", 44100, 2, 16,
                    List.of("-compression_level", String.valueOf(level))));
        }
        for (String lpc : new String[] {"none", "fixed", "levinson", "cholesky"}) {
            all.add(new Encoding("lpc " + lpc + " 16-bit mono 22050", 22050, 1, 16, List.of("-lpc_type", lpc)));
        }
        for (String mode : new String[] {"indep", "left_side", "right_side", "mid_side"}) {
            all.add(new Encoding(mode + " 16-bit stereo 48000", 48000, 2, 16, List.of("-ch_mode", mode)));
            all.add(new Encoding(mode + " 24-bit stereo 96000", 96000, 2, 24, List.of("-ch_mode", mode,
                    "-compression_level", "8")));
        }
        for (int size : new int[] {16, 192, 255, 256, 576, 1000, 1152, 4095, 4608, 16384, 32768, 65535}) {
            all.add(new Encoding("block " + size + " 16-bit stereo 22050", 22050, 2, 16,
                    List.of("-frame_size", String.valueOf(size))));
        }
        for (int rate : new int[] {8000, 11025, 12000, 16000, 22050, 24000, 32000, 37800, 44100, 48000, 64000,
            88200, 96000}) {
            all.add(new Encoding("rate " + rate + " 16-bit mono", rate, 1, 16, List.of()));
        }
        all.add(new Encoding("orders 32 precision 15 24-bit mono 48000", 48000, 1, 24, List.of(
                "-min_prediction_order", "32", "-max_prediction_order", "32", "-lpc_coeff_precision", "15")));
        all.add(new Encoding("orders 1..32 search 16-bit stereo 44100", 44100, 2, 16, List.of(
                "-max_prediction_order", "32", "-prediction_order_method", "search", "-lpc_type", "cholesky")));
        all.add(new Encoding("precision 2 16-bit mono 16000", 16000, 1, 16, List.of("-lpc_coeff_precision", "2")));
        all.add(new Encoding("exact rice, 5-bit parameters, partition orders 0..8 24-bit stereo 44100", 44100, 2,
                24, List.of("-exact_rice_parameters", "1", "-min_partition_order", "0",
                        "-max_partition_order", "8", "-compression_level", "12")));
        all.add(new Encoding("24-bit from 16-bit audio (wasted bits) stereo 48000", 48000, 2, 1624, List.of()));
        all.add(new Encoding("6 channels 16-bit 48000", 48000, 6, 16, List.of()));
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void decodes_an_ffmpeg_encoded_flac_to_exactly_the_samples_ffmpeg_decodes(Encoding e) throws Exception {
        Path ffmpeg = SharedData.requireFfmpeg();
        Path flac = dir.resolve(e.name().replaceAll("[^A-Za-z0-9]+", "_") + ".flac");
        FlacSamples.run(ffmpeg, encodeArgs(e, flac));

        FlacSamples.Pcm ours = FlacSamples.ours(FlacSamples.read(flac));
        int[] reference = FlacSamples.ffmpeg(ffmpeg, flac, ours.bitsPerSample());

        assertEquals(e.channels(), ours.channels());
        assertEquals(e.bits() == 1624 ? 24 : e.bits(), ours.bitsPerSample());
        assertEquals(e.rateHz(), ours.sampleRateHz());
        assertEquals(Math.round(1.3 * e.rateHz()), ours.frames(), "frames");
        assertArrayEquals(reference, ours.samples());
    }

    /** 1.3 s: 0.2 s of silence, a tone with some noise, then 0.2 s of full-scale noise; each channel its own. */
    static List<String> encodeArgs(Encoding e, Path out) {
        StringBuilder exprs = new StringBuilder();
        for (int c = 0; c < e.channels(); c++) {
            if (c > 0) {
                exprs.append('|');
            }
            double hz = 220 * (c + 1) + 7;
            exprs.append("if(lt(t,0.2),0,if(lt(t,1.1),0.6*sin(2*PI*").append(hz).append("*t)+0.05*(2*random(")
                    .append(c).append(")-1),0.99*(2*random(").append(c + 10).append(")-1)))");
        }
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "aevalsrc=exprs='" + exprs + "':s="
                + e.rateHz() + ":d=1.3"));
        if (e.bits() == 24) {
            args.addAll(List.of("-sample_fmt", "s32", "-bits_per_raw_sample", "24"));
        } else if (e.bits() == 1624) {
            args.addAll(List.of("-af", "aformat=sample_fmts=s16,aformat=sample_fmts=s32", "-sample_fmt", "s32",
                    "-bits_per_raw_sample", "24"));
        } else {
            args.addAll(List.of("-sample_fmt", "s16"));
        }
        args.addAll(List.of("-c:a", "flac"));
        args.addAll(e.options());
        args.add(out.toString());
        return args;
    }
}
