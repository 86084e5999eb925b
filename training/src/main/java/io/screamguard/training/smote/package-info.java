/**
 * SMOTE oversampling of the minority (scream) class, written on Smile's KD-tree. Applied only to
 * the training part of a fold, never to data a model is evaluated on.
 */
package io.screamguard.training.smote;
