package io.jgunicorn.container.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jgunicorn.container.http.TestLifecycle;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A worker that leaves (here: its lifecycle refuses more requests, as max_requests does) loses no
 * connection it holds: a kept-alive one that sends its next request after the decision is answered
 * with Connection: close, one accepted before the decision that sends its request only afterwards is
 * answered too, and pipelined requests already received are all served.
 */
class LeavingWorkerTest {

    private static final String GET = "GET / HTTP/1.1\r\nHost: t\r\n\r\n";

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void connectionsHeldWhenTheWorkerDecidesToLeaveAreAnswered(String workerClass) throws Exception {
        // the second request makes the worker leave; keep-alive long enough not to expire in the test
        try (RunningWorker w = new RunningWorker(workerClass, WorkerSocketTest.ECHO,
                Map.of("keepalive", "20"), new TestLifecycle(2));
             SocketClient kept = w.client()) {
            var first = kept.exchange(GET);
            assertEquals(200, first.status());
            assertNull(first.header("Connection"), "kept alive");
            try (SocketClient fresh = w.client(); SocketClient trigger = w.client()) {
                // accepted in order: by the time the trigger is answered, the fresh one is held
                var last = trigger.exchange(GET);
                assertEquals("close", last.header("Connection"), "the request that made it leave");
                assertFalse(w.done.isDone(), "still serving what it holds");

                var late = kept.exchange(GET);
                assertEquals(200, late.status(), "a request on a kept-alive connection after the decision");
                assertEquals("close", late.header("Connection"));
                var unread = fresh.exchange(GET);
                assertEquals(200, unread.status(), "a connection accepted before the decision, read after it");
                assertEquals("close", unread.header("Connection"));
            }
            w.done.get(10, TimeUnit.SECONDS); // and then it goes
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void pipelinedRequestsAlreadyReceivedAreAllServed(String workerClass) throws Exception {
        try (RunningWorker w = new RunningWorker(workerClass, WorkerSocketTest.ECHO, Map.of(), new TestLifecycle(1));
             SocketClient c = w.client()) {
            c.send(GET + GET + GET); // the first request makes the worker leave
            assertEquals(200, c.read().status());
            assertEquals(200, c.read().status());
            var third = c.read();
            assertEquals(200, third.status());
            assertEquals("close", third.header("Connection"), "the last one closes");
            w.done.get(10, TimeUnit.SECONDS);
        }
    }

    /** sync, at TERM: a connection accepted or waiting in the queue but not yet read is answered. */
    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void gracefulStopAnswersAConnectionThatSendsItsRequestLater(String workerClass) throws Exception {
        try (RunningWorker w = new RunningWorker(workerClass, WorkerSocketTest.ECHO);
             SocketClient warm = w.client()) {
            assertEquals(200, warm.exchange(GET).status());
            try (SocketClient fresh = w.client()) {
                w.worker.shutdown(true);
                var r = fresh.exchange(GET);
                assertEquals(200, r.status());
                assertEquals("close", r.header("Connection"));
            }
            w.done.get(10, TimeUnit.SECONDS);
        }
    }
}
