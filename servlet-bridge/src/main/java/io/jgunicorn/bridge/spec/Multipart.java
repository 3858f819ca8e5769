package io.jgunicorn.bridge.spec;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;

/**
 * {@code multipart/form-data} bodies, parsed by jetty's {@link MultiPartFormData} with the limits of
 * the target servlet's multipart config. Parts are parsed once per request and deleted at its end.
 */
final class Multipart {

    private Multipart() {}

    static boolean isMultipart(HttpServletRequestImpl request) {
        String type = request.getContentType();
        return type != null && "multipart/form-data".equalsIgnoreCase(Parameters.mimeType(type));
    }

    static Collection<Part> parts(HttpServletRequestImpl request) throws IOException, ServletException {
        ExchangeState state = request.state();
        if (state.parts != null) {
            return state.parts;
        }
        MultipartConfigElement config = state.target() == null ? null : state.target().multipart();
        if (config == null) {
            throw new IllegalStateException("the servlet has no multipart config");
        }
        if (!isMultipart(request)) {
            throw new ServletException("the request is not multipart/form-data");
        }
        if (request.bodyTaken()) {
            throw new IllegalStateException("the request body has already been read");
        }
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(MultiPart.extractBoundary(request.getContentType()));
        parser.setFilesDirectory(location(state, config));
        parser.setMaxFileSize(config.getMaxFileSize());
        parser.setMaxLength(config.getMaxRequestSize());
        parser.setMaxMemoryFileSize(config.getFileSizeThreshold());
        parser.setMaxParts(1000);
        MultiPartFormData.Parts parsed;
        try {
            parsed = parser.parse(Content.Source.from(request.body())).get();
        } catch (ExecutionException e) {
            // the spec's exception for a body beyond maxRequestSize or a part beyond maxFileSize
            throw new IllegalStateException("multipart body refused: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading multipart body", e);
        }
        List<Part> parts = new ArrayList<>();
        Path location = location(state, config);
        for (MultiPart.Part part : parsed) {
            parts.add(new PartImpl(part, location));
        }
        state.multipart = parsed;
        state.parts = List.copyOf(parts);
        return state.parts;
    }

    private static Path location(ExchangeState state, MultipartConfigElement config) {
        File tmp = (File) state.deployment().servletContext().getAttribute(jakarta.servlet.ServletContext.TEMPDIR);
        Path base = tmp != null ? tmp.toPath() : Path.of(System.getProperty("java.io.tmpdir"));
        String location = config.getLocation();
        return location == null || location.isEmpty() ? base : base.resolve(location);
    }

    /** Form fields (parts without a file name) also count as request parameters. */
    static void addFormFields(HttpServletRequestImpl request, Parameters params) throws IOException, ServletException {
        MultipartConfigElement config = request.state().target() == null ? null : request.state().target().multipart();
        if (config == null || request.bodyTaken()) {
            return;
        }
        Charset charset = request.bodyCharset();
        for (Part part : parts(request)) {
            if (part.getSubmittedFileName() == null) {
                params.add(part.getName(), ((PartImpl) part).content(charset));
            }
        }
    }
}
