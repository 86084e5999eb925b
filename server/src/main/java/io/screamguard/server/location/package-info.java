/**
 * Where an event happened: coordinates sent by the browser (source "browser"), else a lookup of
 * the client's IP address (source "ip"), else nothing (source "none"). The IP lookup is the
 * {@link io.screamguard.server.location.IpLocator} hook; the bundled implementation is offline (no
 * internet here): it never locates loopback or private addresses and otherwise consults an
 * optional CSV table of address ranges.
 */
package io.screamguard.server.location;
