package io.jgunicorn.bench;

import io.jgunicorn.bridge.ServletBridge;
import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.bridge.deployment.FilterMappingDef;
import io.jgunicorn.bridge.deployment.SecurityDef;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.deployment.ServletMappingDef;
import io.jgunicorn.bridge.deployment.SessionConfigDef;
import io.jgunicorn.bridge.deployment.WebAppDeployment;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.container.http.Http1Settings;
import io.jgunicorn.container.spi.HttpApplication;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole in-memory stack with the servlet bridge on top: parse, exchange, filter chain,
 * servlet request/response façades, response writing. {@code hello} is what the hello WAR does on
 * GET / (the bench/run hello-ka case without sockets); {@code facade} reads a browser request
 * through the usual HttpServletRequest getters.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ServletBenchmark {

    private final Http1Settings settings = Requests.defaultSettings();
    private WebAppDeployment deployment;
    private HttpApplication app;
    private MemoryTransport wrk;
    private MemoryTransport browser;

    @Setup
    public void setUp() throws Exception {
        WebAppDescriptor d = new WebAppDescriptor("", "bench", 6, 1, ServletBenchmark.class.getClassLoader(),
                new NoResources(), null, Map.of(),
                List.of(ServletDef.of("hello", BenchServlets.Hello.class.getName()),
                        ServletDef.of("facade", BenchServlets.Facade.class.getName())),
                List.of(new ServletMappingDef("hello", List.of("")),
                        new ServletMappingDef("facade", List.of("/shop/*"))),
                List.of(FilterDef.of("mark", BenchServlets.MarkFilter.class.getName())),
                List.of(new FilterMappingDef("mark", List.of("/*"), List.of(), Set.of())),
                List.of(), List.of(), List.of(), WebAppDescriptor.DEFAULT_WELCOME_FILES, Map.of(),
                SessionConfigDef.DEFAULT, SecurityDef.NONE, Map.of(), null, null, false, null);
        deployment = ServletBridge.deploy(d);
        app = deployment.start();
        wrk = new MemoryTransport(Requests.pipelined(Requests.WRK_GET), 8192);
        browser = new MemoryTransport(Requests.pipelined(Requests.BROWSER_GET), 8192);
        Requests.check(wrk, app, settings, 200, "filter: ran");
        Requests.check(browser, app, settings, 200, "X-Hello-Filter: ran");
    }

    @TearDown
    public void tearDown() {
        deployment.stop();
        deployment.undeploy();
    }

    @Benchmark
    @OperationsPerInvocation(Requests.PIPELINED)
    public long hello() {
        return Requests.serve(wrk, app, settings);
    }

    @Benchmark
    @OperationsPerInvocation(Requests.PIPELINED)
    public long facade() {
        return Requests.serve(browser, app, settings);
    }
}
