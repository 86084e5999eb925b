/**
 * What an admin changes while the server runs: the detector and alerting settings
 * ({@link io.screamguard.server.config.LiveSettings}, persisted in MongoDB, applied to running
 * streams at their next window), the audit log of every change (who, when, old, new), and the
 * model card (version, training data, threshold curves) that shows what a threshold implies, and
 * the admin page's status figures ({@code /api/admin/status}).
 */
package io.screamguard.server.admin;
