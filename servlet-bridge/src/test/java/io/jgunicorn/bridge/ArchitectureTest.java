package io.jgunicorn.bridge;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge's house rules, checked on its compiled classes: a change that breaks one fails the build.
 *
 * <ul>
 *   <li>No package cycles. The packages are layered, each using only those below it:
 *       {@code deployment} &lt; {@code session}, {@code security} &lt; {@code core} &lt; {@code spec}
 *       &lt; {@code handlers} &lt; the root package (entry point and lifecycle); see each package-info.
 *       A cycle means a newcomer cannot change one package without reading the others.</li>
 *   <li>No sockets and no processes: the container owns the connection and the process model; the
 *       bridge sees the request only through the container's {@code HttpExchange}.</li>
 *   <li>No reading of files: an application's files reach the bridge only through the
 *       {@code ResourceView} the deploy loader gives it (the loader also reads the operator's realm
 *       file and hands the lines to {@code FileRealm.parse}). What stays legitimate, and passes:
 *       {@code java.nio.file.Path} as a value (the descriptor's temp dir, {@code getRealPath}, the
 *       multipart location), {@code java.io.File} only turned into a Path with {@code toPath()}
 *       (Servlet's {@code TEMPDIR} attribute is a File by the spec), {@code FileNotFoundException}
 *       as the answer for a missing resource, and uploads that Jetty's {@code MultiPart} writes
 *       where the application asked ({@code Part.write}, the Servlet API's own file output).</li>
 * </ul>
 *
 * <p>The rules run as plain JUnit tests ({@code rule.check}) rather than ArchUnit's {@code @ArchTest}
 * fields: this Surefire reports no test with a field source, so a broken rule would pass unseen.
 * {@link ArchitectureRulesBiteTest} shows each rule failing on a class that breaks it.
 */
class ArchitectureTest {

    private static JavaClasses bridge;

    @BeforeAll
    static void importTheBridge() {
        bridge = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("io.jgunicorn.bridge");
    }

    /** Every package of the bridge is a slice of its own (the root package too, which "(*).." would skip). */
    private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            String name = type.getPackageName();
            return name.startsWith("io.jgunicorn.bridge") ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of io.jgunicorn.bridge";
        }
    };

    static final ArchRule NO_PACKAGE_CYCLES = slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles();

    /** The layers of the package-info files; no layer may be empty (a renamed package fails this too). */
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("entry").definedBy("io.jgunicorn.bridge")
            .layer("handlers").definedBy("io.jgunicorn.bridge.handlers..")
            .layer("spec").definedBy("io.jgunicorn.bridge.spec..")
            .layer("core").definedBy("io.jgunicorn.bridge.core..")
            .layer("session").definedBy("io.jgunicorn.bridge.session..")
            .layer("security").definedBy("io.jgunicorn.bridge.security..")
            .layer("deployment").definedBy("io.jgunicorn.bridge.deployment..")
            .whereLayer("entry").mayNotBeAccessedByAnyLayer()
            .whereLayer("handlers").mayOnlyBeAccessedByLayers("entry")
            .whereLayer("spec").mayOnlyBeAccessedByLayers("handlers", "entry")
            .whereLayer("core").mayOnlyBeAccessedByLayers("spec", "handlers", "entry")
            .whereLayer("session").mayOnlyBeAccessedByLayers("core", "spec", "handlers", "entry")
            .whereLayer("security").mayOnlyBeAccessedByLayers("core", "spec", "handlers", "entry");

    static final ArchRule NO_SOCKETS_OR_PROCESSES = noClasses().that().resideInAPackage("io.jgunicorn.bridge..")
            .should().dependOnClassesThat(describe("are sockets or processes", ArchitectureTest::socketOrProcess))
            .because("the container owns connections and processes; the bridge has only the HttpExchange");

    static final ArchRule NO_FILE_READING = noClasses().that().resideInAPackage("io.jgunicorn.bridge..")
            .should().dependOnClassesThat(describe("read or write files", ArchitectureTest::fileAccess))
            .because("an application's files come through the loader's ResourceView");

    static final ArchRule FILE_ONLY_AS_PATH_AND_NO_EXEC = noClasses().that().resideInAPackage("io.jgunicorn.bridge..")
            .should().callCodeUnitWhere(describe("is a java.io.File method other than toPath(), or Runtime.exec",
                    call -> forbiddenCall(call.getTarget().getOwner().getName(), call.getTarget().getName())))
            .because("java.io.File is only the type of the spec's TEMPDIR attribute, made a Path at once; processes are the container's");

    @Test
    void theBridgeHasNoPackageCycles() {
        NO_PACKAGE_CYCLES.check(bridge);
    }

    @Test
    void eachPackageUsesOnlyTheLayersBelowIt() {
        LAYERS.check(bridge);
    }

    @Test
    void theBridgeTouchesNoSocketsOrProcesses() {
        NO_SOCKETS_OR_PROCESSES.check(bridge);
    }

    @Test
    void theBridgeReadsNoFiles() {
        NO_FILE_READING.check(bridge);
        FILE_ONLY_AS_PATH_AND_NO_EXEC.check(bridge);
    }

    private static final Set<String> FILE_ACCESS = Set.of("java.nio.file.Files", "java.nio.file.FileSystems",
            "java.nio.file.spi.FileSystemProvider", "java.io.FileInputStream", "java.io.FileOutputStream",
            "java.io.FileReader", "java.io.FileWriter", "java.io.RandomAccessFile", "java.io.FileDescriptor",
            "java.nio.channels.FileChannel", "java.nio.channels.AsynchronousFileChannel");

    static boolean fileAccess(JavaClass type) {
        return FILE_ACCESS.contains(type.getName());
    }

    static boolean socketOrProcess(JavaClass type) {
        String name = type.getName();
        return name.matches("java\\.net\\.(Server|Datagram|Multicast)?Socket(Impl|Factory)?")
                || name.startsWith("java.nio.channels.") && (name.contains("Socket") || name.contains("Datagram"))
                || name.equals("java.lang.ProcessBuilder") || name.equals("java.lang.Process")
                || name.equals("java.lang.ProcessHandle");
    }

    static boolean forbiddenCall(String owner, String member) {
        return owner.equals("java.io.File") && !member.equals("toPath")
                || owner.equals("java.lang.Runtime") && member.equals("exec");
    }
}
