package io.screamguard.training.train;

import io.screamguard.training.windows.ClipWindows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Which windows of a clip become training examples.
 *
 * <ul>
 *   <li>Windows below the loudness gate are never examples (they are never scored live).</li>
 *   <li>Scream clip: the windows whose RMS is within {@code loudWindowDb} of the clip's loudest
 *       window are scream examples, the loudest first, at most {@code maxWindows}; the clip's
 *       other windows are not used at all (they may hold the tail of the scream).</li>
 *   <li>Non-scream clip: a seeded random choice of at most {@code maxWindows} loud-enough windows.</li>
 * </ul>
 */
public final class WindowSelection {

    private WindowSelection() {
    }

    /**
     * Indices of the scream windows of a scream clip, judged on {@code labelRms} (the clean signal).
     *
     * @param labelRms     window RMS of the clean signal, deciding loudness relative to the peak
     * @param gateRms      window RMS of the signal the model sees, for the loudness gate
     * @param quietRms     the gate
     * @param loudWindowDb dB below the loudest window still counted as scream
     * @param maxWindows   cap
     */
    public static int[] screamWindows(double[] labelRms, double[] gateRms, double quietRms, double loudWindowDb,
                                      int maxWindows) {
        double peak = 0;
        for (double r : labelRms) {
            peak = Math.max(peak, r);
        }
        double floor = peak * Math.pow(10, -loudWindowDb / 20);
        return IntStream.range(0, labelRms.length)
                .filter(i -> gateRms[i] >= quietRms && labelRms[i] >= floor && labelRms[i] > 0)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> labelRms[i]).reversed().thenComparing(i -> i))
                .limit(maxWindows)
                .mapToInt(Integer::intValue)
                .sorted()
                .toArray();
    }

    /** Indices of the non-scream examples of a non-scream clip: a seeded choice among gated windows. */
    public static int[] nonScreamWindows(double[] rms, double quietRms, int maxWindows, SplittableRandom random) {
        List<Integer> loud = new ArrayList<>();
        for (int i = 0; i < rms.length; i++) {
            if (rms[i] >= quietRms) {
                loud.add(i);
            }
        }
        for (int i = loud.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer tmp = loud.get(i);
            loud.set(i, loud.get(j));
            loud.set(j, tmp);
        }
        return loud.stream().limit(maxWindows).mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The examples of one clip, by its label. */
    public static int[] examples(ClipWindows windows, double quietRms, double loudWindowDb, int maxWindows,
                                 SplittableRandom random) {
        if (windows.clip().isScream()) {
            return screamWindows(windows.rms(), windows.rms(), quietRms, loudWindowDb, maxWindows);
        }
        return nonScreamWindows(windows.rms(), quietRms, maxWindows, random);
    }
}
