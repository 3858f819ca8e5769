package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.testkit.Probe;
import io.jgunicorn.bridge.testkit.TestApp;
import io.jgunicorn.container.testkit.RawHttp;
import io.jgunicorn.container.testkit.RawRequest;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsyncTest {

    public static class RequestEnd implements ServletRequestListener {
        @Override
        public void requestDestroyed(ServletRequestEvent sre) {
            Probe.record("requestDestroyed");
        }
    }

    static class Recorder implements AsyncListener {
        @Override public void onComplete(AsyncEvent event) { Probe.record("onComplete"); }
        @Override public void onTimeout(AsyncEvent event) throws IOException {
            Probe.record("onTimeout");
            event.getAsyncContext().getResponse().getWriter().print("timed out");
            event.getAsyncContext().complete();
        }
        @Override public void onError(AsyncEvent event) { Probe.record("onError"); }
        @Override public void onStartAsync(AsyncEvent event) { Probe.record("onStartAsync"); }
    }

    @BeforeEach
    void clear() {
        Probe.clear();
    }

    private static TestApp app() {
        return TestApp.create().contextPath("/app").listener(RequestEnd.class)
                .handler("later", true, (req, resp) -> {
                    AsyncContext async = req.startAsync();
                    async.addListener(new Recorder());
                    Probe.record("started " + req.isAsyncStarted());
                    async.start(() -> {
                        try {
                            async.getResponse().getWriter().print("written later");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        async.complete();
                    });
                }, "/later")
                .handler("dispatcher", true, (req, resp) -> {
                    AsyncContext async = req.startAsync();
                    new Thread(() -> async.dispatch("/target?t=1")).start();
                }, "/dispatcher/*")
                .handler("target", true, (req, resp) -> resp.getWriter().print(req.getDispatcherType() + " "
                        + req.getAttribute(AsyncContext.ASYNC_REQUEST_URI) + " " + req.getAttribute(AsyncContext.ASYNC_PATH_INFO)
                        + " " + req.getRequestURI() + " " + req.getParameter("t")), "/target")
                .handler("restartAfterDispatch", true, (req, resp) -> {
                    req.startAsync().dispatch("/target?t=again");
                    try {
                        req.startAsync();
                        resp.getWriter().print("restarted");
                    } catch (IllegalStateException e) {
                        req.setAttribute("refused", "yes");
                    }
                }, "/restart-after-dispatch")
                .handler("completeInDispatch", true, (req, resp) -> {
                    AsyncContext async = req.startAsync();
                    async.complete();
                    // complete() takes effect when this dispatch returns: until then async is still started
                    resp.getWriter().print("after complete " + req.isAsyncStarted());
                }, "/complete-in-dispatch")
                .handler("timeout", true, (req, resp) -> {
                    AsyncContext async = req.startAsync();
                    async.setTimeout(50);
                    async.addListener(new Recorder());
                }, "/timeout")
                .handler("silentTimeout", true, (req, resp) -> req.startAsync().setTimeout(20), "/silent")
                .handler("sync", (req, resp) -> {
                    try {
                        req.startAsync();
                    } catch (IllegalStateException e) {
                        resp.getWriter().print("not supported " + req.isAsyncSupported());
                    }
                }, "/sync")
                .handler("reader", true, (req, resp) -> {
                    AsyncContext async = req.startAsync();
                    ServletInputStream in = req.getInputStream();
                    ByteArrayOutputStream received = new ByteArrayOutputStream();
                    in.setReadListener(new ReadListener() {
                        @Override
                        public void onDataAvailable() throws IOException {
                            byte[] buffer = new byte[4];
                            int n;
                            while (in.isReady() && (n = in.read(buffer)) != -1) {
                                received.write(buffer, 0, n);
                            }
                        }

                        @Override
                        public void onAllDataRead() throws IOException {
                            async.getResponse().getWriter().print("read " + received.toString(StandardCharsets.UTF_8));
                            async.complete();
                        }

                        @Override
                        public void onError(Throwable t) {
                            async.complete();
                        }
                    });
                }, "/reader")
                .handler("writer", true, (req, resp) -> {
                    AsyncContext async = req.startAsync();
                    jakarta.servlet.ServletOutputStream out = resp.getOutputStream();
                    out.setWriteListener(new jakarta.servlet.WriteListener() {
                        @Override
                        public void onWritePossible() throws IOException {
                            while (out.isReady()) {
                                out.print("written when possible");
                                async.complete();
                                return;
                            }
                        }

                        @Override
                        public void onError(Throwable t) {
                            async.complete();
                        }
                    });
                }, "/writer")
                .handler("failing", true, (req, resp) -> {
                    if (req.getDispatcherType() == jakarta.servlet.DispatcherType.ASYNC) {
                        throw new IllegalStateException("async dispatch failed");
                    }
                    AsyncContext async = req.startAsync();
                    async.addListener(new Recorder());
                    async.dispatch();
                }, "/failing")
                .handler("forwarder", true, (req, resp) -> req.getRequestDispatcher("/bounce?n=1").forward(req, resp), "/forwarder")
                .handler("bounce", true, (req, resp) -> {
                    if (req.getDispatcherType() == jakarta.servlet.DispatcherType.ASYNC) {
                        resp.getWriter().print("bounced " + req.getRequestURI() + " " + req.getParameter("n"));
                        return;
                    }
                    req.startAsync().dispatch();
                }, "/bounce");
    }

    @Test
    void dispatchWithoutPathAfterAForwardGoesToTheForwardTarget() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.get("/app/forwarder");
            assertEquals("bounced /app/bounce 1", ex.text());
        }
    }

    @Test
    void startAsyncAfterDispatchInTheSameDispatchIsRefusedAndTheDispatchHappens() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.get("/app/restart-after-dispatch");
            assertEquals(200, ex.status(), ex.text());
            assertEquals("ASYNC /app/restart-after-dispatch null /app/target again", ex.text());
        }
    }

    @Test
    void isAsyncStartedStaysTrueAfterCompleteUntilTheDispatchReturns() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.get("/app/complete-in-dispatch");
            assertEquals("after complete true", ex.text());
        }
    }

    @Test
    void writeListenerIsToldItMayWrite() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.get("/app/writer");
            assertEquals("written when possible", ex.text());
        }
    }

    @Test
    void exceptionInAnAsyncDispatchReachesListenersAndAnswers500() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.get("/app/failing");
            assertEquals(500, ex.status());
            assertTrue(Probe.events().contains("onError"), Probe.events()::toString);
        }
    }

    @Test
    void completeFromAnotherThreadEndsTheExchange() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.get("/app/later");
            assertEquals("written later", ex.text());
            assertEquals("started true", Probe.events().getFirst());
            assertTrue(Probe.events().containsAll(java.util.List.of("onComplete", "requestDestroyed")), Probe.events()::toString);
            assertTrue(Probe.events().indexOf("onComplete") < Probe.events().indexOf("requestDestroyed"));
        }
    }

    @Test
    void dispatchRunsTheTargetAsAnAsyncDispatch() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.get("/app/dispatcher/p");
            assertEquals("ASYNC /app/dispatcher/p /p /app/target 1", ex.text());
        }
    }

    @Test
    void timeoutCallsListenersWhichMayComplete() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.get("/app/timeout");
            assertEquals("timed out", ex.text());
            assertEquals(200, ex.status());
        }
    }

    @Test
    void timeoutWithoutListenersAnswers500() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.get("/app/silent");
            assertEquals(500, ex.status());
        }
    }

    @Test
    void startAsyncIsRefusedWhereNotSupported() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.get("/app/sync");
            assertEquals("not supported false", ex.text());
            // not async: the response ended with the dispatch, its length known
            assertEquals(String.valueOf(ex.body().length), ex.header("Content-Length"));
        }
    }

    @Test
    void readListenerGetsTheBodyAndAllDataRead() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.send(RawRequest.of("POST", "/app/reader").body("hello async body"));
            assertEquals("read hello async body", ex.text());
        }
    }
}
