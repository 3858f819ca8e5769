package io.jgunicorn.bench;

import io.jgunicorn.container.http.Http1Settings;
import io.jgunicorn.container.spi.HttpApplication;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Request parsing into the exchange: bytes in through Http1Connection and Http1RequestParser, the
 * exchange built, an application that answers an empty 204, the response head written. One op is
 * one request on a keep-alive connection that carries {@link Requests#PIPELINED} of them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Http1ParseBenchmark {

    /** How many bytes each read hands over: a whole socket buffer, or a trickle. */
    @Param({"8192", "64"})
    int readSize;

    private final Http1Settings settings = Requests.defaultSettings();
    private final HttpApplication noContent = ex -> ex.setStatus(204);
    private final HttpApplication readBody = ex -> {
        ex.requestBody().readAllBytes();
        ex.setStatus(204);
    };
    private MemoryTransport wrk;
    private MemoryTransport browser;
    private MemoryTransport post;

    @Setup
    public void setUp() {
        wrk = new MemoryTransport(Requests.pipelined(Requests.WRK_GET), readSize);
        browser = new MemoryTransport(Requests.pipelined(Requests.BROWSER_GET), readSize);
        post = new MemoryTransport(Requests.pipelined(Requests.JSON_POST), readSize);
        Requests.check(wrk, noContent, settings, 204, "");
        Requests.check(browser, noContent, settings, 204, "");
        Requests.check(post, readBody, settings, 204, "");
    }

    @Benchmark
    @OperationsPerInvocation(Requests.PIPELINED)
    public long wrkGet() {
        return Requests.serve(wrk, noContent, settings);
    }

    @Benchmark
    @OperationsPerInvocation(Requests.PIPELINED)
    public long browserGet() {
        return Requests.serve(browser, noContent, settings);
    }

    @Benchmark
    @OperationsPerInvocation(Requests.PIPELINED)
    public long jsonPostBodyRead() {
        return Requests.serve(post, readBody, settings);
    }
}
