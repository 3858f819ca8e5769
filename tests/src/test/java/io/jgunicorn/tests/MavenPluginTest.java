package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Maven plugin (io.jgunicorn:jgunicorn-maven-plugin) used by a WAR project of its own, as a user would: a
 * stand-alone project (no jgunicorn parent) with the hello sample's sources, built by a real {@code mvn} against a
 * local repository under target/ (never ~/.m2: the jgunicorn artifacts are copied in, every other artifact comes
 * from the outer build's repository, mirrored as a file repository, so no network is used).
 * {@code mvn verify} runs jgunicorn:start / jgunicorn:stop around the integration tests; {@code mvn jgunicorn:run}
 * serves the project exploded and picks up changes with --reload.
 */
class MavenPluginTest {

    private static final Duration MVN_TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern SERVING = Pattern.compile(
            "jgunicorn is serving http://127\\.0\\.0\\.1:(\\d+)/ \\(pid (\\d+), HTTP 200 from GET /\\)");
    private static final Pattern LISTENING = Pattern.compile("Listening at: http://127\\.0\\.0\\.1:(\\d+) \\((\\d+)\\)");

    private static Path it;
    private static Path project;

    @BeforeAll
    static void setUp() throws IOException {
        Path root = Jgunicorn.root();
        it = root.resolve("tests/target/maven-plugin-it");
        Path repo = it.resolve("repo");
        // the jgunicorn artifacts: the plugin, its jgunicorn dependencies (copied by the plugin's build), the parent
        Path pluginTarget = root.resolve("maven-plugin/target");
        copyTree(pluginTarget.resolve("it-repo"), repo);
        String v = version(root);
        Path pluginDir = repo.resolve("io/jgunicorn/jgunicorn-maven-plugin/" + v);
        Files.createDirectories(pluginDir);
        copy(pluginTarget.resolve("jgunicorn-maven-plugin-" + v + ".jar"), pluginDir.resolve("jgunicorn-maven-plugin-" + v + ".jar"));
        copy(root.resolve("maven-plugin/pom.xml"), pluginDir.resolve("jgunicorn-maven-plugin-" + v + ".pom"));
        Path parentDir = repo.resolve("io/jgunicorn/jgunicorn-parent/" + v);
        Files.createDirectories(parentDir);
        copy(root.resolve("pom.xml"), parentDir.resolve("jgunicorn-parent-" + v + ".pom"));
        String outer = System.getProperty("outer.repo", System.getProperty("user.home") + "/.m2/repository");
        Files.writeString(it.resolve("settings.xml"), """
                <settings>
                  <mirrors>
                    <mirror><id>outer-build</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                  <!-- a local repository holds no checksums for what it was given: do not ask for them -->
                  <profiles><profile><id>no-checksums</id>
                    <repositories><repository><id>central</id><url>%1$s</url>
                      <releases><checksumPolicy>ignore</checksumPolicy></releases>
                      <snapshots><enabled>false</enabled></snapshots></repository></repositories>
                    <pluginRepositories><pluginRepository><id>central</id><url>%1$s</url>
                      <releases><checksumPolicy>ignore</checksumPolicy></releases>
                      <snapshots><enabled>false</enabled></snapshots></pluginRepository></pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>no-checksums</activeProfile></activeProfiles>
                </settings>
                """.formatted(Path.of(outer).toUri()));

        // a WAR project of its own, with the hello sample's sources and one static file
        project = it.resolve("shop");
        deleteTree(project);
        copyTree(root.resolve("examples-war/hello/src"), project.resolve("src"));
        Files.writeString(project.resolve("src/main/webapp/greeting.txt"), "first\n");
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>shop</artifactId>
                  <version>1.0</version>
                  <packaging>war</packaging>
                  <properties>
                    <maven.compiler.release>25</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <jgunicorn.bind>127.0.0.1:0</jgunicorn.bind>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>jakarta.servlet</groupId><artifactId>jakarta.servlet-api</artifactId>
                      <version>6.1.0</version><scope>provided</scope>
                    </dependency>
                  </dependencies>
                  <build>
                    <pluginManagement><plugins>
                      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
                      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.3</version></plugin>
                      <plugin><artifactId>maven-war-plugin</artifactId><version>3.4.0</version></plugin>
                    </plugins></pluginManagement>
                    <plugins>
                      <plugin>
                        <groupId>io.jgunicorn</groupId>
                        <artifactId>jgunicorn-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <settings>
                            <worker_class>gthread</worker_class>
                            <threads>2</threads>
                          </settings>
                        </configuration>
                        <executions>
                          <execution><id>start</id><goals><goal>start</goal></goals></execution>
                          <execution><id>stop</id><goals><goal>stop</goal></goals></execution>
                        </executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(v));
    }

    @Test
    void verifyStartsTheBuiltWarBeforeTheIntegrationTestsAndStopsItAfter() throws Exception {
        Jgunicorn mvn = mvn("verify", "-Djgunicorn.workers=2");
        try (mvn) {
            int code = mvn.awaitExit(MVN_TIMEOUT);
            assertEquals(0, code, mvn.output());
        } finally {
            killLeftOverServer(); // started in the background: Maven's exit does not take it along
        }
        Matcher serving = mvn.awaitLine(SERVING, Duration.ZERO);
        long pid = Long.parseLong(serving.group(2));
        Pattern stopped = Pattern.compile("jgunicorn stopped \\(pid " + pid + "\\)");
        assertEquals(1, mvn.count(stopped), mvn.output());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the server outlived jgunicorn:stop");
        assertFalse(Files.exists(project.resolve("target/jgunicorn/server.properties")));
        String log = Files.readString(project.resolve("target/jgunicorn/jgunicorn.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("Using worker: gthread"), log); // <settings> in the POM
        assertEquals(2, Pattern.compile("Booting worker with pid").matcher(log).results().count(), log); // -D
        assertEquals(1, mvn.count(Pattern.compile("jgunicorn:start serves .*/target/shop-1\\.0\\.war$")), mvn.output()); // the built WAR
        List<String> order = mvn.lines().stream()
                .filter(l -> l.contains("maven-war-plugin") || SERVING.matcher(l).find() || stopped.matcher(l).find())
                .toList();
        assertEquals(3, order.size(), mvn.output());
        assertTrue(order.get(0).contains("maven-war-plugin") && SERVING.matcher(order.get(1)).find(), mvn.output());
    }

    @Test
    void runServesTheProjectExplodedAndReloadsWhatTheBuildChanges() throws Exception {
        Jgunicorn mvn = mvn("jgunicorn:run", "-Djgunicorn.bind=127.0.0.1:0");
        try (mvn) {
            Matcher listening = mvn.awaitLine(LISTENING, MVN_TIMEOUT);
            int port = Integer.parseInt(listening.group(1));
            long arbiter = Long.parseLong(listening.group(2));
            Jgunicorn.await("the first worker", MVN_TIMEOUT, () -> answers(port, "/greeting.txt", "first\n"));
            Http.Response hello = Http.get(port, "/");
            assertEquals(200, hello.status(), hello.text());
            assertTrue(hello.text().toLowerCase().contains("hello"), hello.text());
            assertTrue(mvn.count(Pattern.compile("Using worker: gthread")) == 1, mvn.output());

            int before = mvn.lines().size();
            Files.writeString(project.resolve("src/main/webapp/greeting.txt"), "second, longer\n");
            Files.writeString(project.resolve("target/classes/marker.properties"), "built=again\n");
            mvn.awaitLine(Pattern.compile("Worker reloading: .*modified"), before, MVN_TIMEOUT);
            Jgunicorn.await("the new content", MVN_TIMEOUT, () -> answers(port, "/greeting.txt", "second, longer\n"));
            Path exploded = project.resolve("target/jgunicorn/webapp");
            assertEquals("built=again\n", Files.readString(exploded.resolve("WEB-INF/classes/marker.properties")));
            assertTrue(Files.isRegularFile(exploded.resolve(
                    "WEB-INF/classes/io/jgunicorn/examples/hello/HelloServlet.class")));

            mvn.process().destroy(); // TERM to Maven, as at the end of a terminal session: jgunicorn stops with it
            mvn.awaitExit(Duration.ofSeconds(60));
            Jgunicorn.await("the arbiter to exit", Duration.ofSeconds(60),
                    () -> !ProcessHandle.of(arbiter).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    /** A server jgunicorn:start left running (the build failed before jgunicorn:stop), with its workers. */
    private static void killLeftOverServer() throws IOException {
        Path state = project.resolve("target/jgunicorn/server.properties");
        if (Files.isRegularFile(state)) {
            Matcher m = Pattern.compile("pid=(\\d+)").matcher(Files.readString(state));
            if (m.find()) {
                ProcessHandle.of(Long.parseLong(m.group(1))).ifPresent(h -> {
                    h.descendants().forEach(ProcessHandle::destroyForcibly);
                    h.destroyForcibly();
                });
            }
        }
    }

    private static boolean answers(int port, String target, String body) {
        try {
            Http.Response r = Http.get(port, target);
            return r.status() == 200 && r.text().equals(body);
        } catch (IOException e) {
            return false;
        }
    }

    private static Jgunicorn mvn(String... goals) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "--no-transfer-progress", "-Dstyle.color=never",
                "-s", it.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + it.resolve("repo")));
        cmd.addAll(List.of(goals));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("JGUNICORN_CMD_ARGS");
        pb.environment().remove("MAVEN_ARGS");
        pb.environment().put("MAVEN_OPTS", "--sun-misc-unsafe-memory-access=allow -XX:TieredStopAtLevel=1");
        Process p = pb.start();
        p.getOutputStream().close();
        return Jgunicorn.wrap(p, cmd);
    }

    private static String version(Path root) throws IOException {
        Matcher m = Pattern.compile("<artifactId>jgunicorn-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(root.resolve("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("no version in " + root.resolve("pom.xml"));
        }
        return m.group(1);
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from)) {
            throw new IllegalStateException(from + " is missing: build the maven-plugin module first");
        }
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IllegalStateException(from + " is missing: build the maven-plugin module first");
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dst = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
