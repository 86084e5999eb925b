/**
 * Configuration: the known settings ({@link io.screamguard.server.config.Setting}), the layered
 * loader (built-in defaults &lt; {@code config/application.yaml} &lt; {@code .env} &lt; environment
 * variables) and the validated {@link io.screamguard.server.config.ServerConfig} record.
 *
 * <p>Nothing here knows about Javalin or MongoDB: the composition root reads a
 * {@code ServerConfig} and hands the values to the features.
 */
package io.screamguard.server.config;
