package io.jgunicorn.bench;

import io.jgunicorn.container.http.Http1Settings;
import io.jgunicorn.container.spi.HttpApplication;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Response writing through the exchange's sink (head, framing, body), for a wrk GET: a small
 * fixed-length text, a 16 KiB fixed-length body, and a chunked body written in eight pieces.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResponseWriteBenchmark {

    private static final byte[] HELLO = "Hello from jgunicorn!\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] STATIC_16K = new byte[16384];
    private static final byte[] PIECE_2K = new byte[2048];

    static {
        Arrays.fill(STATIC_16K, (byte) 'x');
        Arrays.fill(PIECE_2K, (byte) 'y');
    }

    private final Http1Settings settings = Requests.defaultSettings();
    private MemoryTransport transport;

    private final HttpApplication hello = ex -> {
        ex.responseHeaders().put("Content-Type", "text/plain;charset=UTF-8");
        ex.responseHeaders().put("Content-Length", String.valueOf(HELLO.length));
        ex.responseBody().write(HELLO);
    };
    private final HttpApplication fixed16k = ex -> {
        ex.responseHeaders().put("Content-Type", "text/plain");
        ex.responseHeaders().put("Content-Length", String.valueOf(STATIC_16K.length));
        ex.responseBody().write(STATIC_16K);
    };
    private final HttpApplication chunked16k = ex -> {
        ex.responseHeaders().put("Content-Type", "application/octet-stream");
        OutputStream out = ex.responseBody();
        for (int i = 0; i < 8; i++) {
            out.write(PIECE_2K);
            out.flush();
        }
    };

    @Setup
    public void setUp() {
        transport = new MemoryTransport(Requests.pipelined(Requests.WRK_GET), 8192);
        Requests.check(transport, hello, settings, 200, "Hello from jgunicorn!");
        Requests.check(transport, fixed16k, settings, 200, "xxxxxxxx");
        Requests.check(transport, chunked16k, settings, 200, "800\r\nyyyy");
    }

    @Benchmark
    @OperationsPerInvocation(Requests.PIPELINED)
    public long smallText() {
        return Requests.serve(transport, hello, settings);
    }

    @Benchmark
    @OperationsPerInvocation(Requests.PIPELINED)
    public long fixedLength16k() {
        return Requests.serve(transport, fixed16k, settings);
    }

    @Benchmark
    @OperationsPerInvocation(Requests.PIPELINED)
    public long chunked16kInEightFlushes() {
        return Requests.serve(transport, chunked16k, settings);
    }
}
