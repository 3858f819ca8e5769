package io.jgunicorn.bridge.handlers;

import io.jgunicorn.bridge.core.Deployment;
import io.jgunicorn.bridge.core.ServletMatch;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.util.List;

/**
 * Welcome files (Servlet 6 section 10.10): a request for a directory ("/docs/") that only the
 * default servlet would serve is mapped to the first welcome file that exists as a static resource
 * or that a servlet maps exactly or by prefix/extension. The request URI stays the directory's.
 */
final class WelcomeFiles {

    private final Deployment deployment;
    private final List<String> files;

    WelcomeFiles(Deployment deployment) {
        this.deployment = deployment;
        List<String> declared = deployment.descriptor().welcomeFiles();
        this.files = declared.isEmpty() ? io.jgunicorn.bridge.deployment.WebAppDescriptor.DEFAULT_WELCOME_FILES : declared;
    }

    ServletMatch apply(String path, ServletMatch match) {
        if (!path.endsWith("/") || match != null && match.mapping().getMappingMatch() != MappingMatch.DEFAULT) {
            return match;
        }
        for (String file : files) {
            String candidate = path + (file.startsWith("/") ? file.substring(1) : file);
            if (isResource(candidate)) {
                ServletMatch welcome = deployment.matcher().match(candidate);
                return welcome != null ? welcome : match;
            }
        }
        for (String file : files) {
            String candidate = path + (file.startsWith("/") ? file.substring(1) : file);
            ServletMatch welcome = deployment.matcher().match(candidate);
            if (welcome != null && welcome.mapping().getMappingMatch() != MappingMatch.DEFAULT) {
                return welcome;
            }
        }
        return match;
    }

    private boolean isResource(String path) {
        if (path.startsWith("/WEB-INF/") || path.startsWith("/META-INF/")) {
            return false;
        }
        try {
            return deployment.descriptor().resources().attributes(path) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
