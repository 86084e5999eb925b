package io.screamguard.server;

import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.server.config.ServerConfig;
import io.screamguard.server.config.Setting;
import io.screamguard.server.location.OfflineIpLocator;
import io.screamguard.server.scoring.CoreScoring;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The real server (shipped model, CoreScoring, embedded store) in a JVM of its own, for
 * {@link UploadMemoryTest}: run it with a small {@code -Xmx}. It prints {@code port N} once
 * listening; on the line {@code report} from stdin it prints {@code peak_heap_bytes N} (the sum of
 * the heap pools' peak usage since start) and {@code max_heap_bytes N}; on end of input it stops.
 *
 * <p>Arguments: the data directory, then MAX_UPLOAD_BYTES, MAX_UPLOAD_SECONDS and MAX_CONCURRENT_UPLOADS.
 */
public final class UploadMemoryProbe {
    private UploadMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig config = ServerConfig.of(Map.of(Setting.PORT, "0", Setting.HOST, "127.0.0.1",
                Setting.DATA_DIR, args[0], Setting.MAX_UPLOAD_BYTES, args[1], Setting.MAX_UPLOAD_SECONDS, args[2],
                Setting.MAX_CONCURRENT_UPLOADS, args[3]));
        ScreamModel model = ScreamModel.loadResource("model");
        CoreScoring scoring = new CoreScoring(model, DetectorConfig.fromModel(model.metadata()),
                new DecodeLimits(config.http().maxUploadBytes(), config.http().maxUploadSeconds()));
        try (ServerApp app = ServerApp.create(config, new ServerDependencies(scoring, OfflineIpLocator.empty(),
                Clock.systemUTC(), 4)).start()) {
            System.out.println("port " + app.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("report")) {
                    long peak = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        if (pool.getType() == MemoryType.HEAP) {
                            peak += pool.getPeakUsage().getUsed();
                        }
                    }
                    System.out.println("peak_heap_bytes " + peak);
                    System.out.println("max_heap_bytes " + Runtime.getRuntime().maxMemory());
                    System.out.flush();
                }
            }
        }
        System.exit(0);
    }

}
