package io.screamguard.server.events;

import io.screamguard.server.location.Location;
import io.screamguard.server.scoring.IncidentSummary;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;

/** Maps events to BSON documents and stored documents to plain JSON-ready maps. */
final class EventDocuments {
    private EventDocuments() {
    }

    static Document toDocument(ObjectId id, EventRecord e) {
        Document d = new Document("_id", id)
                .append("type", e.type().wireName())
                .append("timestamp", Date.from(e.timestamp()))
                .append("source", source(e.source()))
                .append("scream_probability", e.screamProbability())
                .append("is_scream", e.scream())
                .append("threshold_value", e.thresholdProbability())
                .append("timeline", timeline(e.timeline()))
                .append("location", location(e.location()))
                .append("device_info", new Document("user_agent", e.device().userAgent())
                        .append("ip", e.device().ipAddress())
                        .append("accept_language", e.device().acceptLanguage()))
                .append("user_id", e.userId())
                .append("model_version", e.modelVersion())
                .append("features", features(e.features()))
                .append("alert", new Document("status", e.alert().status()).append("channels", e.alert().channels()))
                .append("error", e.error());
        return d;
    }

    private static Document source(EventSource s) {
        Document d = new Document("kind", s.kind());
        if (s.name() != null) {
            d.append("name", s.name());
        }
        if (s.format() != null) {
            d.append("format", s.format());
        }
        if (s.sessionId() != null) {
            d.append("session_id", s.sessionId());
        }
        return d;
    }

    private static Document timeline(TimelineSummary t) {
        List<Document> incidents = new ArrayList<>();
        for (IncidentSummary i : t.incidents()) {
            incidents.add(incident(i));
        }
        return new Document("duration_s", t.durationSeconds())
                .append("windows", t.windows())
                .append("quiet_windows", t.quietWindows())
                .append("windows_above_threshold", t.windowsAboveThreshold())
                .append("mean_probability", t.meanProbability())
                .append("dropped_windows", t.droppedWindows())
                .append("incidents", incidents);
    }

    static Document incident(IncidentSummary i) {
        return new Document("start_s", i.startSeconds()).append("end_s", i.endSeconds())
                .append("peak", i.peakProbability()).append("windows", i.windows());
    }

    private static Document location(Location l) {
        return new Document("latitude", l.latitude()).append("longitude", l.longitude())
                .append("accuracy_m", l.accuracyMeters()).append("source", l.source().wireName())
                .append("address", l.address());
    }

    private static Document features(FeatureVector f) {
        List<Double> values = new ArrayList<>(f.values().length);
        for (float v : f.values()) {
            values.add((double) v);
        }
        return new Document("names", f.names()).append("values", values);
    }

    /** A stored document as a JSON-ready map: {@code _id} becomes {@code id}, dates ISO-8601. */
    static Map<String, Object> toJsonMap(Document d) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : d.entrySet()) {
            String key = "_id".equals(e.getKey()) ? "id" : e.getKey();
            out.put(key, plain(e.getValue()));
        }
        return out;
    }

    private static Object plain(Object v) {
        if (v instanceof Document doc) {
            return toJsonMap(doc);
        }
        if (v instanceof ObjectId oid) {
            return oid.toHexString();
        }
        if (v instanceof Date date) {
            return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(date.getTime()));
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(plain(o));
            }
            return out;
        }
        return v;
    }
}
