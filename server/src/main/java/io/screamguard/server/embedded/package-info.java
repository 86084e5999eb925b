/**
 * The embedded MongoDB-protocol server (mongo-java-server with its H2 backend, one file under
 * DATA_DIR) used when no MONGODB_URI is set. The only package that imports mongo-java-server; the
 * rest of the server talks to it through the official driver exactly as to a real MongoDB.
 */
package io.screamguard.server.embedded;
