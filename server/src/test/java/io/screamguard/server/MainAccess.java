package io.screamguard.server;

import io.screamguard.core.model.ModelLoadException;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.server.config.ServerConfig;

/** Opens {@link Main}'s package-private model loading to tests in other packages. */
public final class MainAccess {
    private MainAccess() {
    }

    public static ScreamModel loadModel(ServerConfig config) throws ModelLoadException {
        return Main.loadModel(config);
    }
}
