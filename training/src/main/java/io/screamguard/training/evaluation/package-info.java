/**
 * The one evaluation used by cross-validation and by the {@code evaluate} command: clip scores
 * (maximum window probability over loud windows), confusion, ROC/PR AUC, the threshold curve and
 * the default-threshold rule, and the group-aware splits (stratified k-fold, leave-one-source-out).
 */
package io.screamguard.training.evaluation;
