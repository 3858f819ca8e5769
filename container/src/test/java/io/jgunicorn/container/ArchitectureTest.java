package io.jgunicorn.container;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.jgunicorn.container.hooks.Hooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container's house rules, checked on its compiled classes: a change that breaks one fails the build.
 *
 * <ul>
 *   <li>No package cycles; the packages are layered as each package-info says (and
 *       {@code container/README.md} draws): {@code spi}, {@code lifecycle}, {@code process},
 *       {@code posix} at the bottom; {@code http}, {@code logging}, {@code metrics}, {@code hooks},
 *       {@code tls} above them; {@code worker} (the worker JVM) and {@code ctl}, {@code deploy},
 *       {@code arbiter} (the arbiter JVM) on top; the root package (the CLI) over everything.
 *       In particular {@code http} never sees {@code worker}, the worker never sees the arbiter
 *       (they share only the {@code process.WorkerContract}), and {@code ctl} and {@code deploy}
 *       never see the arbiter they serve.</li>
 *   <li>The container never uses {@code jakarta.*} (or {@code javax.servlet}): the Servlet API is
 *       the bridge's, behind the {@code spi}.</li>
 *   <li>The container never uses the modules above it (servlet bridge, deploy loader), not even by
 *       name: no container class file holds their package names, so no {@code Class.forName}
 *       trick can reach them. Applications come in through {@code spi.AppLoader} (a ServiceLoader).</li>
 *   <li>Loading a class by name ({@code Class.forName}, {@code ClassLoader.loadClass}) happens in two
 *       places only: {@code hooks.Hooks} (the operator's {@code server_hooks} class) and
 *       {@code worker.InheritedListeners} (the JDK's inherited-channel internals).</li>
 * </ul>
 *
 * <p>As in the bridge, the rules run as plain JUnit tests ({@code rule.check}), and
 * {@link ArchitectureRulesBiteTest} shows each one failing on a class that breaks it.
 */
class ArchitectureTest {

    private static final String C = "io.jgunicorn.container.";

    private static JavaClasses container;

    @BeforeAll
    static void importTheContainer() {
        container = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.jgunicorn.container");
    }

    /** Every package of the container is a slice of its own (the root package too). */
    private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            String name = type.getPackageName();
            return name.startsWith("io.jgunicorn.container") ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of io.jgunicorn.container";
        }
    };

    static final ArchRule NO_PACKAGE_CYCLES = slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles();

    /** Who may use whom; a package not named as a user of a layer may not use it. */
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("cli").definedBy("io.jgunicorn.container")
            .layer("arbiter").definedBy(C + "arbiter..")
            .layer("ctl").definedBy(C + "ctl..")
            .layer("deploy").definedBy(C + "deploy..")
            .layer("worker").definedBy(C + "worker..")
            .layer("http").definedBy(C + "http..")
            .layer("logging").definedBy(C + "logging..")
            .layer("metrics").definedBy(C + "metrics..")
            .layer("hooks").definedBy(C + "hooks..")
            .layer("tls").definedBy(C + "tls..")
            .layer("lifecycle").definedBy(C + "lifecycle..")
            .layer("process").definedBy(C + "process..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("arbiter").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("ctl").mayOnlyBeAccessedByLayers("arbiter", "cli")
            .whereLayer("deploy").mayOnlyBeAccessedByLayers("arbiter", "cli")
            .whereLayer("worker").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("http").mayOnlyBeAccessedByLayers("worker")
            .whereLayer("logging").mayOnlyBeAccessedByLayers("worker", "arbiter", "cli")
            .whereLayer("metrics").mayOnlyBeAccessedByLayers("worker", "arbiter", "cli")
            .whereLayer("hooks").mayOnlyBeAccessedByLayers("worker", "arbiter", "cli")
            .whereLayer("tls").mayOnlyBeAccessedByLayers("worker", "cli")
            .whereLayer("lifecycle").mayOnlyBeAccessedByLayers("http", "logging", "metrics", "worker")
            .whereLayer("process").mayOnlyBeAccessedByLayers("worker", "arbiter", "deploy", "cli");

    static final ArchRule NO_JAKARTA = noClasses().that().resideInAPackage("io.jgunicorn.container..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.servlet..")
            .because("the Servlet API is the bridge's; the container offers only its spi");

    static final ArchRule NO_UPPER_MODULES = noClasses().that().resideInAPackage("io.jgunicorn.container..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jgunicorn.bridge..", "io.jgunicorn.deploy..")
            .because("the bridge and the loader are above the container; they reach it through spi.AppLoader");

    static final ArchRule CLASSES_BY_NAME_ONLY_FOR_HOOKS_AND_INHERITED_CHANNELS = noClasses()
            .that().resideInAPackage("io.jgunicorn.container..")
            .and().doNotHaveFullyQualifiedName(Hooks.class.getName())
            .and().doNotHaveFullyQualifiedName(C + "worker.InheritedListeners")
            .should().callMethod(Class.class, "forName", String.class)
            .orShould().callMethod(Class.class, "forName", String.class, boolean.class, ClassLoader.class)
            .orShould().callMethod(ClassLoader.class, "loadClass", String.class)
            .because("an upper module reached by name is a dependency no compiler sees; use a ServiceLoader SPI");

    /** Package names of the modules above the container, as a class file would hold them. */
    static final List<String> UPPER_NAMES = List.of("io/jgunicorn/bridge", "io.jgunicorn.bridge",
            "io/jgunicorn/deploy", "io.jgunicorn.deploy", "jakarta/", "jakarta.");

    /** Whether the class file's bytes name a package above the container (a string constant or a type). */
    static boolean namesAnUpperModule(byte[] classFile) {
        String text = new String(classFile, StandardCharsets.ISO_8859_1);
        return UPPER_NAMES.stream().anyMatch(text::contains);
    }

    @Test
    void theContainerHasNoPackageCycles() {
        NO_PACKAGE_CYCLES.check(container);
    }

    @Test
    void eachPackageIsUsedOnlyByTheLayersAboveIt() {
        LAYERS.check(container);
    }

    @Test
    void theContainerNeverUsesJakarta() {
        NO_JAKARTA.check(container);
    }

    @Test
    void theContainerNeverUsesTheBridgeOrTheLoader() {
        NO_UPPER_MODULES.check(container);
        CLASSES_BY_NAME_ONLY_FOR_HOOKS_AND_INHERITED_CHANNELS.check(container);
    }

    @Test
    void noContainerClassFileNamesTheBridgeTheLoaderOrJakarta() throws IOException, URISyntaxException {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> offenders;
        int seen;
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".class")).toList();
            seen = all.size();
            offenders = all.stream().filter(p -> {
                try {
                    return namesAnUpperModule(Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
        assertTrue(seen > 100, "the container's classes were found in " + classes + " (" + seen + ")");
        assertEquals(List.of(), offenders, "container classes that name the bridge, the loader or jakarta");
    }
}
