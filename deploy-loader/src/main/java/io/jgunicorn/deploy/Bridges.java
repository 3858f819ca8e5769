package io.jgunicorn.deploy;

import io.jgunicorn.bridge.BridgeOptions;
import io.jgunicorn.bridge.ServletBridge;
import io.jgunicorn.bridge.deployment.WebAppDeployment;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.bridge.security.FileRealm;
import io.jgunicorn.container.spi.AppLoadException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** The servlet bridge as the operator's settings configure it (today: the file realm). */
public final class Bridges {

    private Bridges() {}

    /**
     * @throws AppLoadException naming the realm file and the problem when it cannot be read
     */
    public static Function<WebAppDescriptor, WebAppDeployment> forSettings(Map<String, String> settings)
            throws AppLoadException {
        String realmFile = settings.get("realm_file");
        if (realmFile == null || realmFile.isBlank()) {
            return ServletBridge::deploy;
        }
        try {
            BridgeOptions options = BridgeOptions.DEFAULTS.withRealm(FileRealm.load(Path.of(realmFile)));
            return d -> ServletBridge.deploy(d, options);
        } catch (IOException | RuntimeException e) {
            throw new AppLoadException("cannot read realm_file " + realmFile + ": " + e.getMessage(), e);
        }
    }
}
