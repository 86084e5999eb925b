/**
 * The MongoDB event log: one document per upload analysis, per live incident and per live session
 * summary (never per window). The only package that imports the MongoDB driver.
 *
 * <p>Durability: every event gets its {@code _id} (an ObjectId) on the client before any write.
 * When MongoDB is unreachable, documents are appended to a local spool file (one extended-JSON
 * line each, fsync'd) and a background drainer inserts them when the database returns; a replayed
 * document whose {@code _id} already exists (duplicate key 11000) counts as written, so every event
 * lands exactly once. Queries stay in the subset the embedded mongo-java-server supports
 * (find/sort/skip/limit, countDocuments, $match/$group with $dateToString).
 */
package io.screamguard.server.events;
