package io.jgunicorn.container.worker;

import io.jgunicorn.container.process.WorkerContract;
import io.jgunicorn.config.Config;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.HttpApplication;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The deploy directory's check run: a short-lived worker JVM (no sockets) that loads each
 * application of {@code deploy_apps} on its own, exactly as a worker would, then closes it. The
 * arbiter reads the result file: {@code N.ok = context paths} or {@code N.failed = reason} for the
 * N-th line. One broken application never hides the verdict on the others.
 */
final class DeployCheck {

    private DeployCheck() {}

    static int run(Config config, Path workDir, Path resultFile) {
        Properties results = new Properties();
        List<String> lines = config.string("deploy_apps") == null ? List.of()
                : List.of(config.string("deploy_apps").split("\n"));
        for (int i = 0; i < lines.size(); i++) {
            Config one = config.with(Map.of("deploy_apps", lines.get(i)));
            try (HttpApplication app = WorkerMain.loadApp(one, workDir.resolve("check-" + i))) {
                results.put(WorkerContract.checkOkKey(i), String.join(" ", app.contextPaths().stream()
                        .map(p -> p.isEmpty() ? "/" : p).toList()));
            } catch (AppLoadException e) {
                results.put(WorkerContract.checkFailedKey(i), e.getMessage());
            } catch (RuntimeException | LinkageError e) {
                results.put(WorkerContract.checkFailedKey(i), e.toString());
            }
        }
        Path tmp = resultFile.resolveSibling(resultFile.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            results.store(out, "jgunicorn deploy check");
        } catch (IOException e) {
            System.err.println("jgunicorn deploy check: cannot write " + resultFile + ": " + e.getMessage());
            return 1;
        }
        try {
            Files.move(tmp, resultFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("jgunicorn deploy check: cannot write " + resultFile + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
