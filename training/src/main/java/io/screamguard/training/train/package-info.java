/**
 * Training: which windows are examples, scream augmentation, SMOTE, the forest, cross-validation
 * (group-aware k-fold and leave-one-source-out) and the {@code train} and {@code evaluate}
 * commands.
 */
package io.screamguard.training.train;
