/**
 * Where an event happened: coordinates sent by the browser (source "browser"), else a lookup of
 * the client's IP address (source "ip"), else nothing (source "none"). The IP lookup is the
 * {@link io.screamguard.server.location.IpLocator} hook: the offline table of address ranges
 * ({@link io.screamguard.server.location.OfflineIpLocator}), then, when IPGEO_URL is set, an HTTP
 * JSON provider ({@link io.screamguard.server.location.HttpIpLocator}, cached, in the background).
 * Loopback and private addresses are never located. When GEOCODER_URL is set, a position without
 * an address gets one from a Nominatim-style reverse geocoder
 * ({@link io.screamguard.server.location.HttpReverseGeocoder}, cached, in the background; off by
 * default through {@link io.screamguard.server.location.AddressLookup#NONE}).
 */
package io.screamguard.server.location;
