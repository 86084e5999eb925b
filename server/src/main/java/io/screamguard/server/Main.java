package io.screamguard.server;

import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.model.ModelLoadException;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.server.config.ConfigException;
import io.screamguard.server.config.ConfigLoader;
import io.screamguard.server.config.ServerConfig;
import io.screamguard.server.location.HttpIpLocator;
import io.screamguard.server.location.IpLocator;
import io.screamguard.server.location.OfflineIpLocator;
import io.screamguard.server.scoring.CoreScoring;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code java -jar server/target/screamguard-server.jar}: reads the configuration (defaults &lt;
 * config/application.yaml &lt; .env &lt; environment), loads the model (MODEL_PATH or the one shipped
 * in the jar), and starts the server. Exits with status 2 and a one-line reason when the
 * configuration or the model is unusable.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    /** Entry point; arguments are not used (everything is configuration). */
    public static void main(String[] args) {
        routeJavaUtilLoggingToLogback();
        ServerConfig config;
        CoreScoring scoring;
        IpLocator ipLocator;
        try {
            config = ConfigLoader.loadFromWorkingDirectory();
            ScreamModel model = loadModel(config);
            ServerConfig.DetectionSettings d = config.detection();
            scoring = new CoreScoring(model,
                    CoreScoring.detectorConfig(model.metadata(), d.thresholdProbability().orElse(null),
                            d.debounceK().orElse(null), d.debounceN().orElse(null), d.quietRms().orElse(null)),
                    new DecodeLimits(config.http().maxUploadBytes(), config.http().maxUploadSeconds()));
            ipLocator = config.ipLocationFile().map(OfflineIpLocator::fromCsv).orElse(OfflineIpLocator.empty());
            ServerConfig.IpGeoSettings geo = config.ipGeo();
            if (geo.enabled()) {
                ipLocator = HttpIpLocator.firstOf(ipLocator, new HttpIpLocator(geo.url(), HttpIpLocator.Fields.parse(geo.fields()),
                        geo.accuracyMeters(), java.time.Duration.ofMillis(geo.timeoutMillis()), Clock.systemUTC()));
                LOG.info("IP geolocation: {} (after the offline table)", geo.url());
            }
        } catch (ConfigException | ModelLoadException | IllegalArgumentException | java.io.UncheckedIOException e) {
            LOG.error("cannot start: {}", e.getMessage());
            System.exit(2);
            return;
        }
        ServerApp app;
        try {
            app = ServerApp.create(config, new ServerDependencies(scoring, ipLocator, Clock.systemUTC()));
        } catch (ConfigException e) {
            LOG.error("cannot start: {}", e.getMessage()); // e.g. STREAM_QUEUE_SECONDS below the model's minimum
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            LOG.error("cannot open the event store under DATA_DIR={}: {}; check the directory is writable and not used"
                    + " by another running server", config.store().dataDir().toAbsolutePath().normalize(), rootMessage(e));
            System.exit(2);
            return;
        }
        try {
            app.start();
        } catch (RuntimeException e) {
            LOG.error("cannot listen on {}:{}: {}; set PORT to a free port", config.http().host(), config.http().port(),
                    rootMessage(e));
            app.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    static ScreamModel loadModel(ServerConfig config) throws ModelLoadException {
        ScreamModel model;
        String where;
        if (config.detection().modelPath().isPresent()) {
            where = "MODEL_PATH " + config.detection().modelPath().get().toAbsolutePath();
            model = ScreamModel.load(config.detection().modelPath().get());
        } else {
            where = "the model shipped in the jar (classpath model/)";
            model = ScreamModel.loadResource("model");
        }
        LOG.info("model: {} version {} (features {}, window {} s, hop {} s, threshold {})", where,
                model.metadata().modelVersion(), model.metadata().schemaVersion(),
                model.metadata().window().windowSeconds(), model.metadata().window().hopSeconds(),
                model.metadata().recommendedThreshold());
        return model;
    }

    /** Libraries that log through java.util.logging (JAAD, the M4A decoder) go to logback too. */
    static void routeJavaUtilLoggingToLogback() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
