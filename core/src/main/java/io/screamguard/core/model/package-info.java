/**
 * The scream model: the {@link io.screamguard.core.model.ScreamClassifier} interface, the Smile
 * random-forest adapter {@link io.screamguard.core.model.ScreamModel}, its metadata
 * ({@code model.json}) and the checks that refuse a model trained for other features.
 */
package io.screamguard.core.model;
