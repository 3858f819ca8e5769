package io.jgunicorn.tests.arquillian;

import io.jgunicorn.tests.Jgunicorn;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** ShrinkWrap archives made from the examples the build compiled. */
final class Archives {

    private Archives() {}

    /** hello's compiled classes (servlets, filter, listener) and web.xml in a WAR of another name. */
    static WebArchive helloClasses(String warName) {
        Path hello = Jgunicorn.root().resolve("examples-war/hello");
        Path classes = hello.resolve("target/classes");
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("hello not compiled: " + classes);
        }
        WebArchive war = ShrinkWrap.create(WebArchive.class, warName);
        war.merge(ShrinkWrap.create(ExplodedImporter.class).importDirectory(classes.toFile()).as(WebArchive.class),
                "/WEB-INF/classes");
        war.setWebXML(hello.resolve("src/main/webapp/WEB-INF/web.xml").toFile());
        return war;
    }

    /** A sample WAR exactly as built, renamed (the name is the context path). */
    static WebArchive exampleWar(String example, String warName) {
        return ShrinkWrap.create(ZipImporter.class, warName)
                .importFrom(Jgunicorn.exampleWar(example).toFile()).as(WebArchive.class);
    }
}
