package io.screamguard.training.dataset;

/** A data folder that cannot be used for training or evaluation; the message says why and what to do. */
public final class DatasetException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public DatasetException(String message) {
        super(message);
    }
}
