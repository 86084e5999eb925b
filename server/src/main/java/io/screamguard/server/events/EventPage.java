package io.screamguard.server.events;

import java.util.List;
import java.util.Map;

/**
 * One page of events.
 *
 * @param items events as JSON-ready maps, newest first
 * @param page  the page number
 * @param size  the page size asked for
 * @param total events matching the filters
 */
public record EventPage(List<Map<String, Object>> items, int page, int size, long total) {
}
