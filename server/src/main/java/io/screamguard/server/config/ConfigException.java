package io.screamguard.server.config;

/** A setting has a value the server cannot use; the message names the key, the value and the fix. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and how to fix it */
    public ConfigException(String message) {
        super(message);
    }

    /** @param message what is wrong and how to fix it; @param cause the underlying problem */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
