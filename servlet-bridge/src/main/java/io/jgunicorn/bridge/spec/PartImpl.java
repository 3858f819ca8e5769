package io.jgunicorn.bridge.spec;

import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/** A {@link Part} façade over one jetty multipart part. */
final class PartImpl implements Part {

    private final MultiPart.Part part;
    private final Path location;

    PartImpl(MultiPart.Part part, Path location) {
        this.part = part;
        this.location = location;
    }

    String content(Charset charset) {
        return part.getContentAsString(charset);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return Content.Source.asInputStream(part.createContentSource());
    }

    @Override public String getContentType() { return part.getHeaders().get(HttpHeader.CONTENT_TYPE); }
    @Override public String getName() { return part.getName(); }
    @Override public String getSubmittedFileName() { return part.getFileName(); }
    @Override public long getSize() { return part.getLength(); }

    /** A relative name is relative to the multipart config location, as the spec says. */
    @Override
    public void write(String fileName) throws IOException {
        Path target = location.resolve(fileName);
        part.writeTo(target);
    }

    @Override
    public void delete() throws IOException {
        part.delete();
    }

    @Override public String getHeader(String name) { return part.getHeaders().get(name); }

    @Override
    public Collection<String> getHeaders(String name) {
        return new ArrayList<>(part.getHeaders().getValuesList(name));
    }

    @Override
    public Collection<String> getHeaderNames() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (HttpField field : part.getHeaders()) {
            names.add(field.getName().toLowerCase(java.util.Locale.ROOT));
        }
        return names;
    }
}
