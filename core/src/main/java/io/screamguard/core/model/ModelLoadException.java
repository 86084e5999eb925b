package io.screamguard.core.model;

/**
 * A model directory that cannot be used: missing or unreadable files, or a model trained for
 * another feature schema. The message says what to do (usually: retrain with
 * {@code screamguard-cli train ...}).
 */
public final class ModelLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public ModelLoadException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause   the underlying failure
     */
    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
