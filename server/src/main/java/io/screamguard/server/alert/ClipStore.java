package io.screamguard.server.alert;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import io.screamguard.server.store.MongoConnection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * The {@code clips} GridFS bucket: per live incident that raised a countdown, a 16-bit mono WAV of
 * the audio from 10 s before the incident to 10 s after it (nothing else of a stream is stored).
 * Metadata: {@code owner_id}, {@code incident_id}, {@code created_at}. Deleted with the account and
 * by the retention purge (the embedded store ignores TTL indexes). Thread-safe.
 */
final class ClipStore {
    private final GridFSBucket bucket;
    /** {@code clip_sharing}: one document per person who chose whether contacts may play their clips. */
    private final com.mongodb.client.MongoCollection<Document> sharing;

    ClipStore(MongoConnection db) {
        this.bucket = GridFSBuckets.create(db.database(), "clips");
        this.sharing = db.collection("clip_sharing");
    }

    /** Whether the person lets the contacts play their clips on the incident page (default false). */
    boolean sharesAudio(String ownerId) {
        return MongoConnection.call("reading the clip sharing", () -> {
            Document d = sharing.find(Filters.eq("_id", ownerId)).first();
            return d != null && Boolean.TRUE.equals(d.getBoolean("share_audio"));
        });
    }

    /** Sets whether the person lets the contacts play their clips. */
    void shareAudio(String ownerId, boolean share) {
        MongoConnection.run("saving the clip sharing", () -> sharing.replaceOne(Filters.eq("_id", ownerId),
                new Document("_id", ownerId).append("share_audio", share),
                new com.mongodb.client.model.ReplaceOptions().upsert(true)));
    }

    /** Saves an incident's clip (a WAV file's bytes). */
    void save(String incidentId, String ownerId, byte[] wav, Instant now) {
        Document meta = new Document("owner_id", ownerId).append("incident_id", incidentId)
                .append("created_at", Date.from(now));
        MongoConnection.run("saving the incident clip", () -> bucket.uploadFromStream(incidentId + ".wav",
                new ByteArrayInputStream(wav), new GridFSUploadOptions().metadata(meta)));
    }

    /** The incident's clip and its owner, empty when none was saved. */
    Optional<Clip> of(String incidentId) {
        return MongoConnection.call("reading the incident clip", () -> {
            GridFSFile f = bucket.find(Filters.eq("metadata.incident_id", incidentId)).first();
            if (f == null) {
                return Optional.<Clip>empty();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) f.getLength());
            bucket.downloadToStream(f.getObjectId(), out);
            return Optional.of(new Clip(f.getMetadata().getString("owner_id"), out.toByteArray()));
        });
    }

    /** The person's clips for the export: ids, times and sizes, not the audio. */
    List<Map<String, Object>> list(String ownerId) {
        return MongoConnection.call("listing the incident clips", () -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (GridFSFile f : bucket.find(Filters.eq("metadata.owner_id", ownerId))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("incident_id", f.getMetadata().getString("incident_id"));
                m.put("created_at", f.getMetadata().getDate("created_at").toInstant().toString());
                m.put("bytes", f.getLength());
                out.add(m);
            }
            return out;
        });
    }

    /** Deletes the person's clips; returns how many went. */
    long deleteAll(String ownerId) {
        MongoConnection.run("deleting the clip sharing", () -> sharing.deleteMany(Filters.eq("_id", ownerId)));
        return deleteWhere(Filters.eq("metadata.owner_id", ownerId));
    }

    /** Deletes the clips created before this instant (retention); returns how many went. */
    long deleteOlderThan(Instant cutoff) {
        return deleteWhere(Filters.lt("metadata.created_at", Date.from(cutoff)));
    }

    private long deleteWhere(org.bson.conversions.Bson filter) {
        return MongoConnection.call("deleting incident clips", () -> {
            List<org.bson.types.ObjectId> ids = new ArrayList<>();
            bucket.find(filter).forEach(f -> ids.add(f.getObjectId()));
            ids.forEach(bucket::delete);
            return (long) ids.size();
        });
    }

    /** A stored clip: its owner and the WAV bytes. */
    record Clip(String ownerId, byte[] wav) {
    }
}
