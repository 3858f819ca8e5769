package io.jgunicorn.deploy;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.jgunicorn.deploy.cyclefixture.a.A;
import io.jgunicorn.deploy.cyclefixture.b.B;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deploy loader's house rules, checked on its compiled classes (with a bite test each):
 * its packages form no cycle (the root package too, with no exception); it never touches sockets
 * or processes (the container owns them); of the container it uses only the {@code spi}; of the
 * bridge only the deployment records, the entry point and the named SPIs the bridge offers the
 * loader, never its request-time internals.
 */
class LoaderArchitectureTest {

    private static JavaClasses loader;

    @BeforeAll
    static void importTheLoader() {
        loader = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.jgunicorn.deploy");
    }

    /** Every package of the loader is a slice of its own (the root package too). */
    private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            String name = type.getPackageName();
            return name.equals("io.jgunicorn.deploy") || name.startsWith("io.jgunicorn.deploy.")
                    ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of io.jgunicorn.deploy";
        }
    };

    static final ArchRule NO_PACKAGE_CYCLES = slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles();

    static final ArchRule NO_SOCKETS_OR_PROCESSES = noClasses().that().resideInAPackage("io.jgunicorn.deploy..")
            .should().dependOnClassesThat(describe("are sockets or processes", LoaderArchitectureTest::socketOrProcess))
            .because("the container owns connections and processes");

    static final ArchRule ONLY_THE_CONTAINER_SPI = noClasses().that().resideInAPackage("io.jgunicorn.deploy..")
            .should().dependOnClassesThat(describe("are container classes outside its spi",
                    t -> t.getPackageName().startsWith("io.jgunicorn.container")
                            && !t.getPackageName().equals("io.jgunicorn.container.spi")))
            .because("the loader is an AppLoader: the container's spi is all of the container it sees");

    /** Bridge classes outside the deployment records that the bridge offers the loader. */
    static final Set<String> BRIDGE_SEAMS = Set.of("io.jgunicorn.bridge.ServletBridge", "io.jgunicorn.bridge.BridgeOptions",
            "io.jgunicorn.bridge.session.SessionStoreProvider", "io.jgunicorn.bridge.security.FileRealm",
            "io.jgunicorn.bridge.security.Realm", "io.jgunicorn.bridge.core.ContextRegistry");

    static final ArchRule ONLY_THE_BRIDGE_SEAMS = noClasses().that().resideInAPackage("io.jgunicorn.deploy..")
            .should().dependOnClassesThat(describe("are bridge internals", LoaderArchitectureTest::bridgeInternal))
            .because("the loader describes an application as data (bridge.deployment) and hands it to ServletBridge");

    static boolean bridgeInternal(JavaClass type) {
        String name = type.getName();
        String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
        return name.startsWith("io.jgunicorn.bridge.") && !type.getPackageName().startsWith("io.jgunicorn.bridge.deployment")
                && !BRIDGE_SEAMS.contains(outer);
    }

    static boolean socketOrProcess(JavaClass type) {
        String name = type.getName();
        return name.matches("java\\.net\\.(Server|Datagram|Multicast)?Socket(Impl|Factory)?")
                || name.startsWith("java.nio.channels.") && (name.contains("Socket") || name.contains("Datagram"))
                || name.equals("java.lang.ProcessBuilder") || name.equals("java.lang.Process");
    }

    @Test
    void theLoaderHasNoPackageCycles() {
        NO_PACKAGE_CYCLES.check(loader);
    }

    @Test
    void theLoaderTouchesNoSocketsOrProcesses() {
        NO_SOCKETS_OR_PROCESSES.check(loader);
    }

    @Test
    void theLoaderSeesOnlyTheContainerSpi() {
        ONLY_THE_CONTAINER_SPI.check(loader);
    }

    @Test
    void theLoaderSeesOnlyTheBridgesSeams() {
        ONLY_THE_BRIDGE_SEAMS.check(loader);
    }

    static final class OpensASocket {
        ServerSocket open() throws java.io.IOException { return new ServerSocket(0); }
    }

    static final class UsesContainerInternals {
        Object settings() { return io.jgunicorn.container.http.Http1Settings.defaults(); }
    }

    static final class UsesBridgeInternals {
        Object context() { return io.jgunicorn.bridge.spec.ServletContextImpl.class; }
    }

    static final class UsesTheSeams {
        Object records() { return io.jgunicorn.bridge.deployment.WebAppDescriptor.class; }
    }

    private static boolean violated(ArchRule rule, Class<?>... classes) {
        return rule.evaluate(new ClassFileImporter().importClasses(classes)).hasViolation();
    }

    @Test
    void eachRuleBites() {
        assertTrue(violated(NO_SOCKETS_OR_PROCESSES, OpensASocket.class));
        assertTrue(violated(ONLY_THE_CONTAINER_SPI, UsesContainerInternals.class));
        assertTrue(violated(ONLY_THE_BRIDGE_SEAMS, UsesBridgeInternals.class));
        assertFalse(violated(ONLY_THE_BRIDGE_SEAMS, UsesTheSeams.class));
        assertFalse(violated(NO_SOCKETS_OR_PROCESSES, UsesTheSeams.class));
        assertTrue(violated(NO_PACKAGE_CYCLES, A.class, B.class));
        assertFalse(violated(NO_PACKAGE_CYCLES, A.class));
    }
}
