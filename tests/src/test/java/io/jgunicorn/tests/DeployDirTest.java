package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --deploy-dir}: drop, replace and remove applications in a running server. */
class DeployDirTest {

    static final Duration LONG = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private Path deploy() throws IOException {
        return Files.createDirectories(tmp.resolve("webapps"));
    }

    private static Jgunicorn start(Path dir, Path socket, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("--deploy-scan-interval", "0.2"));
        args.addAll(List.of(more));
        return startWith(dir, socket, args.toArray(String[]::new));
    }

    private static Jgunicorn startWith(Path dir, Path socket, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("--deploy-dir", dir.toString(), "--control-socket", socket.toString()));
        args.addAll(List.of(more));
        return Jgunicorn.start(args.toArray(String[]::new));
    }

    private static int status(int port, String target) {
        try {
            return Http.get(port, target).status();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String body(int port, String target) {
        try {
            Http.Response r = Http.get(port, target);
            return r.status() == 200 ? r.text().trim() : "status " + r.status();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void awaitBody(int port, String target, String expected) {
        Jgunicorn.await(target + " answering '" + expected + "'", LONG, () -> expected.equals(body(port, target)));
    }

    private static void awaitFile(Path p) {
        Jgunicorn.await(p + " to exist", LONG, () -> Files.exists(p));
    }

    private static JsonNode ctl(Path socket, String... words) throws Exception {
        List<String> args = new ArrayList<>(List.of("ctl", "--control-socket", socket.toString(), "--json"));
        args.addAll(List.of(words));
        try (Jgunicorn c = Jgunicorn.launch(args, Map.of(), null)) {
            assertEquals(0, c.awaitExit(LONG), c.output());
            return new ObjectMapper().readTree(c.output()).get("result");
        }
    }

    @Test
    void namesBecomeContextPathsForWarsDirectoriesAndIniFiles() throws Exception {
        Path dir = deploy();
        Path socket = tmp.resolve("j.ctl");
        WarFiles.drop(dir.resolve("app.war"), WarFiles.helloVersion("app"));
        WarFiles.drop(dir.resolve("ROOT.war"), WarFiles.helloVersion("root"));
        WarFiles.drop(dir.resolve("a#b.war"), WarFiles.helloVersion("a-b"));
        Files.write(dir.resolve("broken.war"), new byte[] {'P', 'K', 3, 4, 0, 0}); // a broken WAR beside them
        try (Jgunicorn j = start(dir, socket, "-w", "2")) {
            int port = j.port();
            awaitBody(port, "/app/version.txt", "app");
            assertEquals("root", body(port, "/version.txt"));
            assertEquals("a-b", body(port, "/a/b/version.txt"));
            assertEquals(404, status(port, "/a/version.txt"));
            assertTrue(WarFiles.read(dir.resolve("app.war.deployed")).contains("context paths: /app"));
            assertTrue(WarFiles.read(dir.resolve("ROOT.war.deployed")).contains("context paths: /\n"));
            assertTrue(WarFiles.read(dir.resolve("a#b.war.deployed")).contains("context paths: /a/b"));
            assertTrue(WarFiles.read(dir.resolve("broken.war.failed")).contains("broken.war"),
                    WarFiles.read(dir.resolve("broken.war.failed")));
            assertFalse(Files.exists(dir.resolve("broken.war.deployed")));

            // an exploded directory, built under a hidden name and renamed in
            Path hidden = tmp.resolve("webapps/.shop");
            WarFiles.explode(WarFiles.helloVersion("shop"), hidden);
            Files.move(hidden, dir.resolve("shop"));
            awaitBody(port, "/shop/version.txt", "shop");
            awaitFile(dir.resolve("shop.deployed")); // written once every new worker is ready
            assertTrue(WarFiles.read(dir.resolve("shop.deployed")).contains("context paths: /shop"));

            // an .ini: its url map paths are absolute, whatever the file is called
            Path wars = Files.createDirectories(tmp.resolve("wars"));
            Files.write(wars.resolve("x.war"), WarFiles.helloVersion("from-ini"));
            WarFiles.drop(dir.resolve("site.ini"), ("""
                    [composite:main]
                    use = urlmap
                    /x/y = xapp
                    [app:xapp]
                    use = war:%s
                    """.formatted(wars.resolve("x.war"))).getBytes());
            awaitBody(port, "/x/y/version.txt", "from-ini");
            awaitFile(dir.resolve("site.ini.deployed")); // written once every new worker is ready
            assertTrue(WarFiles.read(dir.resolve("site.ini.deployed")).contains("context paths: /x/y"));
            assertEquals(404, status(port, "/site/version.txt"));
            // a descriptor with a single app is mounted after its file name, like a WAR
            WarFiles.drop(dir.resolve("solo.ini"), ("[app:main]\nuse = war:%s\n".formatted(wars.resolve("x.war"))).getBytes());
            awaitBody(port, "/solo/version.txt", "from-ini");
            // a second deployable for a served context path fails, naming the one that has it
            WarFiles.drop(dir.resolve("shop.war"), WarFiles.helloVersion("shop-war"));
            awaitFile(dir.resolve("shop.war.failed"));
            assertTrue(WarFiles.read(dir.resolve("shop.war.failed")).contains("/shop is already served by shop"),
                    WarFiles.read(dir.resolve("shop.war.failed")));
            assertEquals("shop", body(port, "/shop/version.txt"));

            // every worker serves the same set
            Set<String> pids = new HashSet<>();
            Jgunicorn.await("both workers answering", LONG, () -> {
                try {
                    Http.Response r = Http.get(port, "/shop/");
                    pids.add(r.header("X-Worker-Pid"));
                    return r.status() == 200 && Http.get(port, "/x/y/version.txt").status() == 200 && pids.size() >= 2;
                } catch (IOException e) {
                    return false;
                }
            });

            JsonNode list = ctl(socket, "show", "deployments");
            Map<String, String> states = new java.util.TreeMap<>();
            list.forEach(d -> states.put(d.get("name").asText(), d.get("state").asText()));
            assertEquals(Map.of("ROOT.war", "deployed", "a#b.war", "deployed", "app.war", "deployed",
                    "broken.war", "failed", "shop", "deployed", "site.ini", "deployed", "solo.ini", "deployed",
                    "shop.war", "failed"), states);

            try (Jgunicorn text = Jgunicorn.launch(List.of("ctl", "--control-socket", socket.toString(), "show", "deployments"),
                    Map.of(), null)) {
                assertEquals(0, text.awaitExit(LONG), text.output());
                assertTrue(text.output().matches("(?s).*NAME +STATE +CONTEXT_PATHS.*\\ba#b\\.war +deployed +/a/b .*"), text.output());
            }

            // removing files undeploys them and takes their markers along
            Files.delete(dir.resolve("app.war"));
            Files.delete(dir.resolve("broken.war"));
            Jgunicorn.await("/app gone", LONG, () -> status(port, "/app/version.txt") == 404);
            assertFalse(Files.exists(dir.resolve("app.war.deployed")));
            assertFalse(Files.exists(dir.resolve("broken.war.failed")));
            assertEquals("root", body(port, "/version.txt"));
            j.awaitLine(java.util.regex.Pattern.compile("Undeployed app\\.war"), LONG); // once every new worker is ready
        }
    }

    @Test
    void aFileStillBeingCopiedIsDeployedOnlyOnceItStopsChanging() throws Exception {
        Path dir = deploy();
        // the default scan interval (1 s); the copy below writes a chunk every 0.2 s for 3 s
        try (Jgunicorn j = startWith(dir, tmp.resolve("j.ctl"))) {
            int port = j.port();
            Jgunicorn.await("the first generation", LONG, () -> status(port, "/") == 404);
            byte[] war = WarFiles.helloVersion("slow");
            Path target = dir.resolve("slow.war");
            try (OutputStream out = Files.newOutputStream(target)) {
                // a slow copy: the file grows across several scans; half a WAR is never tried
                int chunks = 15;
                int chunk = war.length / (chunks + 1);
                for (int i = 0; i < chunks; i++) {
                    out.write(war, i * chunk, chunk);
                    out.flush();
                    long until = System.nanoTime() + 200_000_000L;
                    while (System.nanoTime() < until) {
                        assertFalse(Files.exists(dir.resolve("slow.war.failed")), "a half-copied WAR was deployed");
                        assertFalse(Files.exists(dir.resolve("slow.war.deployed")), "a half-copied WAR was deployed");
                        Jgunicorn.pause();
                    }
                }
                out.write(war, chunks * chunk, war.length - chunks * chunk);
            }
            awaitFile(dir.resolve("slow.war.deployed"));
            assertEquals("slow", body(port, "/slow/version.txt"));
            assertFalse(Files.exists(dir.resolve("slow.war.failed")));
            assertFalse(j.output().contains("Deployment of slow.war failed"), j.output());
        }
    }

    @Test
    void replacingAWarUnderLoadLosesNoRequestAndABrokenVersionKeepsTheOldOneServing() throws Exception {
        Path dir = deploy();
        WarFiles.drop(dir.resolve("app.war"), WarFiles.helloVersion("v1"));
        try (Jgunicorn j = start(dir, tmp.resolve("j.ctl"), "-w", "2", "--graceful-timeout", "20")) {
            int port = j.port();
            awaitBody(port, "/app/version.txt", "v1");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger ok = new AtomicInteger();
            Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            List<String> failures = new CopyOnWriteArrayList<>();
            Thread load = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    String b = body(port, "/app/version.txt");
                    if (b.startsWith("v")) {
                        seen.add(b);
                        ok.incrementAndGet();
                    } else {
                        failures.add(b);
                    }
                }
            });
            try {
                Jgunicorn.await("requests flowing", LONG, () -> ok.get() > 20);
                WarFiles.drop(dir.resolve("app.war"), WarFiles.helloVersion("v2"));
                Jgunicorn.await("v2 served", LONG, () -> seen.contains("v2"));
                awaitFile(dir.resolve("app.war.deployed"));
                Jgunicorn.await("only v2 served", LONG, () -> "v2".equals(body(port, "/app/version.txt"))
                        && j.workerPids().size() == 2);

                WarFiles.drop(dir.resolve("app.war"), WarFiles.failingToStart());
                awaitFile(dir.resolve("app.war.failed"));
                String failed = WarFiles.read(dir.resolve("app.war.failed"));
                assertTrue(failed.contains("NoSuchListener"), failed);
                assertTrue(failed.contains("previous version keeps serving at /app"), failed);
                assertFalse(Files.exists(dir.resolve("app.war.deployed")));
                int at = ok.get();
                Jgunicorn.await("requests still flowing", LONG, () -> ok.get() > at + 20);
                assertEquals("v2", body(port, "/app/version.txt"));
            } finally {
                stop.set(true);
                load.join(60_000);
            }
            assertEquals(List.of(), failures);
        }
    }

    /**
     * {@code --deploy-skip-check} (what the Arquillian adapter passes): a change rolls straight into new
     * workers, with no check run, yet a version that fails to start still leaves the old one serving,
     * and its .failed marker holds the workers' own error.
     */
    @Test
    void withoutACheckRunAChangeGoesLiveAndABrokenVersionFailsWithItsOwnErrorWhileTheOldServes() throws Exception {
        Path dir = deploy();
        WarFiles.drop(dir.resolve("app.war"), WarFiles.helloVersion("v1"));
        try (Jgunicorn j = start(dir, tmp.resolve("j.ctl"), "-w", "2", "--deploy-skip-check")) {
            int port = j.port();
            awaitBody(port, "/app/version.txt", "v1");
            WarFiles.drop(dir.resolve("app.war"), WarFiles.helloVersion("v2"));
            awaitBody(port, "/app/version.txt", "v2");
            awaitFile(dir.resolve("app.war.deployed"));
            assertTrue(j.output().contains("Deploying app.war (deploy_skip_check: no check run)"), j.output());

            WarFiles.drop(dir.resolve("app.war"), WarFiles.failingToStart());
            awaitFile(dir.resolve("app.war.failed"));
            String failed = WarFiles.read(dir.resolve("app.war.failed"));
            assertTrue(failed.contains("the new workers failed to start with it"), failed);
            assertTrue(failed.contains("NoSuchListener"), failed);
            assertTrue(failed.contains("previous version keeps serving at /app"), failed);
            assertEquals("v2", body(port, "/app/version.txt"));
            Jgunicorn.await("two workers serving v2", LONG, () -> j.workerPids().size() == 2
                    && "v2".equals(body(port, "/app/version.txt")));

            Files.delete(dir.resolve("app.war"));
            Jgunicorn.await("/app gone", LONG, () -> status(port, "/app/version.txt") == 404);
        }
    }

    /**
     * Each redeploy rolls the worker processes, so a worker's memory is what one fresh worker with
     * the app needs, whatever came before. Measured: resident set of the serving worker after each
     * of twenty redeploys (printed), and the worker count.
     */
    @Test
    void twelveRedeploysKeepTheWorkersMemoryFlat() throws Exception {
        Path dir = deploy();
        WarFiles.drop(dir.resolve("app.war"), WarFiles.helloVersion("r0"));
        try (Jgunicorn j = start(dir, tmp.resolve("j.ctl"), "-w", "1")) {
            int port = j.port();
            awaitBody(port, "/app/version.txt", "r0");
            List<Long> rss = new ArrayList<>();
            List<Long> arbiterRss = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                WarFiles.drop(dir.resolve("app.war"), WarFiles.helloVersion("r" + i));
                awaitBody(port, "/app/version.txt", "r" + i);
                Jgunicorn.await("a single worker", LONG, () -> j.workerPids().size() == 1);
                for (int k = 0; k < 20; k++) {
                    assertEquals(200, status(port, "/app/"));
                }
                rss.add(rssKb(j.workerPids().getFirst()));
                arbiterRss.add(rssKb(j.pid()));
            }
            System.out.println("worker RSS (KiB) after each of 12 redeploys: " + rss);
            System.out.println("arbiter RSS (KiB) after each of 12 redeploys: " + arbiterRss);
            long first = rss.subList(0, 4).stream().mapToLong(Long::longValue).max().orElseThrow();
            long last = rss.subList(8, 12).stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(last < first * 1.25, "worker memory grew: " + rss);
            assertEquals(1, j.workerPids().size());
        }
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }
}
