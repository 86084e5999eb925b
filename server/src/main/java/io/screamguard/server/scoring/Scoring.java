package io.screamguard.server.scoring;

/**
 * Scores audio for screams. Implementations are thread-safe: one instance serves every upload and
 * opens every live stream.
 */
public interface Scoring {

    /** The model in use (version, threshold in force, feature names, window hop). */
    ModelInfo model();

    /** The detector settings in force now. */
    DetectorTuning tuning();

    /**
     * Replaces the detector settings: uploads scored from now on and every open stream's next
     * window use them (no restart, no reconnect). Thread-safe.
     */
    void retune(DetectorTuning tuning);

    /**
     * The model's own description beyond {@link #model()}: training data summary, metrics and
     * threshold curves, as free-form JSON values (model.json's {@code training} section); empty
     * when the scorer has none.
     */
    default java.util.Map<String, Object> modelTraining() {
        return java.util.Map.of();
    }

    /**
     * Decodes and scores a whole recording.
     *
     * @param audio the file's bytes, any supported container (wav, mp3, flac, ogg, m4a, ...)
     * @return the per-window timeline, incidents and verdict
     * @throws AudioRejected when the bytes are empty, of an unknown format, corrupt, too large or too long
     */
    ClipScore scoreClip(byte[] audio) throws AudioRejected;

    /**
     * Decodes and scores a recording held in a file. The production scorer streams it (decoded and
     * scored window by window, a few MB of memory whatever its length); this default reads it whole.
     *
     * @param audioFile the recording, any supported container
     * @return as {@link #scoreClip(byte[])}
     * @throws AudioRejected as {@link #scoreClip(byte[])}
     * @throws java.io.IOException when the file cannot be read
     */
    default ClipScore scoreClip(java.nio.file.Path audioFile) throws AudioRejected, java.io.IOException {
        return scoreClip(java.nio.file.Files.readAllBytes(audioFile));
    }

    /**
     * Opens a scorer for one live stream. The returned scorer is not thread-safe: the caller feeds
     * it from one thread at a time.
     *
     * @param format   sample rate, encoding and channel count announced by the client
     * @param listener receives a result for every hop and every incident, on the feeding thread
     */
    StreamScorer openStream(StreamFormat format, StreamListener listener);
}
