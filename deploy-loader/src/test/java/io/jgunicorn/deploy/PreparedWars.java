package io.jgunicorn.deploy;

import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.deploy.war.UnpackLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** WARs written out as directories and prepared up to their descriptor; closes all it prepared (a test's {@code @AutoClose} field). */
final class PreparedWars implements AutoCloseable {

    private final List<WebAppDeployer.Prepared> prepared = new ArrayList<>();

    /** The descriptor of {@code war}, written under {@code tmp} and served at the root. */
    WebAppDescriptor describe(Path tmp, TestFiles.Archive war) throws Exception {
        Path dir = war.writeDir(tmp.resolve(prepared.isEmpty() ? "app" : "app" + prepared.size()));
        WebAppDeployer.Prepared p = WebAppDeployer.forContainer(tmp.resolve("work"), UnpackLimits.DEFAULT).prepare(dir, "");
        prepared.add(p);
        return p.descriptor();
    }

    @Override
    public void close() {
        prepared.forEach(WebAppDeployer.Prepared::close);
    }
}
