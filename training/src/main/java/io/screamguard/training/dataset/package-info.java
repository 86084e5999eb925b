/**
 * Labelled data folders: finding clips, their source, class and recording group, and the
 * licences recorded in each source's manifest.
 */
package io.screamguard.training.dataset;
