package io.jgunicorn.container.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The project's own request fixtures (test resources), for tests outside this package. */
public final class TestCorpus {

    public record Fixture(String name, boolean valid, byte[] bytes) {}

    private TestCorpus() {}

    public static List<Fixture> own() throws Exception {
        Path root = Path.of(TestCorpus.class.getResource("/http1-corpus").toURI());
        List<Fixture> out = new ArrayList<>();
        for (String kind : List.of("valid", "invalid")) {
            try (Stream<Path> files = Files.list(root.resolve(kind))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".http")).sorted().toList()) {
                    CorpusFile c = CorpusFile.load(f);
                    out.add(new Fixture(c.name(), kind.equals("valid"), c.bytes()));
                }
            }
        }
        return out;
    }
}
