package io.jgunicorn.examples.spec;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * /async/later?ms=N completes from a timer thread after N ms; /async/timeout never completes and
 * its AsyncListener answers at the timeout; /async/dispatch dispatches to /dispatch/target;
 * POST /async/read echoes the body read with a ReadListener (non-blocking I/O); POST /async/parts
 * answers, as they happen, one {@code [bytes]} per onDataAvailable call, then {@code end}.
 */
@WebServlet(name = "async", urlPatterns = "/async/*", asyncSupported = true)
public class AsyncServlet extends HttpServlet {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spec-async-timer");
        t.setDaemon(true);
        return t;
    });

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String op = String.valueOf(req.getPathInfo());
        AsyncContext ctx = req.startAsync();
        switch (op) {
            case "/later" -> {
                long ms = Long.parseLong(req.getParameter("ms") == null ? "100" : req.getParameter("ms"));
                timer.schedule(() -> {
                    try {
                        ctx.getResponse().setContentType("text/plain;charset=UTF-8");
                        ctx.getResponse().getWriter().write("completed after " + ms + " ms");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    ctx.complete();
                }, ms, TimeUnit.MILLISECONDS);
            }
            case "/timeout" -> {
                ctx.setTimeout(300);
                ctx.addListener(new TimeoutAnswer());
            }
            case "/dispatch" -> ctx.dispatch("/dispatch/target?via=async");
            case "/read" -> readNonBlocking(req, ctx);
            case "/parts" -> readParts(req, ctx);
            default -> {
                ((HttpServletResponse) ctx.getResponse()).sendError(404);
                ctx.complete();
            }
        }
    }

    private static void readNonBlocking(HttpServletRequest req, AsyncContext ctx) throws IOException {
        ServletInputStream in = req.getInputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                byte[] buf = new byte[4096];
                while (in.isReady()) {
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    body.write(buf, 0, n);
                }
            }

            @Override
            public void onAllDataRead() throws IOException {
                ctx.getResponse().setContentType("text/plain;charset=UTF-8");
                ctx.getResponse().getWriter().write("read " + body.size() + " bytes: " + body);
                ctx.complete();
            }

            @Override
            public void onError(Throwable t) {
                ctx.complete();
            }
        });
    }

    /** Each onDataAvailable call shows (and flushes at once) what it could read without blocking. */
    private static void readParts(HttpServletRequest req, AsyncContext ctx) throws IOException {
        ServletInputStream in = req.getInputStream();
        ctx.getResponse().setContentType("text/plain;charset=UTF-8");
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                ByteArrayOutputStream part = new ByteArrayOutputStream();
                byte[] buf = new byte[4096];
                int n;
                while (in.isReady() && (n = in.read(buf)) != -1) {
                    part.write(buf, 0, n);
                }
                ctx.getResponse().getWriter().write("[" + part + "]");
                ctx.getResponse().flushBuffer();
            }

            @Override
            public void onAllDataRead() throws IOException {
                ctx.getResponse().getWriter().write("end");
                ctx.complete();
            }

            @Override
            public void onError(Throwable t) {
                ctx.complete();
            }
        });
    }

    /** Answers a request whose async work never finished. */
    static final class TimeoutAnswer implements AsyncListener {
        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            HttpServletResponse resp = (HttpServletResponse) event.getAsyncContext().getResponse();
            resp.setStatus(504);
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().write("timed out by the async listener");
            event.getAsyncContext().complete();
        }

        @Override public void onComplete(AsyncEvent event) { }
        @Override public void onError(AsyncEvent event) { }
        @Override public void onStartAsync(AsyncEvent event) { }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
