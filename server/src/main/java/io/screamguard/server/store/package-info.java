/**
 * The MongoDB connection shared by the account, contact and admin stores (the event log keeps its
 * own client for its spool and outage handling). Only {@code *Store} classes of the feature
 * packages use the driver through it; indexes are limited to what the embedded store supports
 * (single-field and unique), so expiry is enforced in code.
 */
package io.screamguard.server.store;
