package io.screamguard.server;

import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.server.config.ServerConfig;
import io.screamguard.server.scoring.CoreScoring;
import java.util.Map;

/** The shipped model loaded the way {@link Main} loads it, for tests of other packages (the browser tests). */
public final class ShippedScoring {
    private ShippedScoring() {
    }

    /** A scorer with the shipped model and its own detector settings. */
    public static CoreScoring load() throws io.screamguard.core.model.ModelLoadException {
        ScreamModel model = Main.loadModel(ServerConfig.of(Map.of()));
        return new CoreScoring(model, DetectorConfig.fromModel(model.metadata()), DecodeLimits.DEFAULT);
    }
}
