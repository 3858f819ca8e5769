package io.jgunicorn.container.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LineLoggerTest {

    @Test
    void capturedOutputBecomesOneLogRecordPerLine() {
        Logger logger = (Logger) LoggerFactory.getLogger("test.capture");
        ListAppender<ILoggingEvent> list = new ListAppender<>();
        list.start();
        logger.addAppender(list);
        PrintStream out = new PrintStream(new LineLogger(logger, true), true, StandardCharsets.UTF_8);
        out.print("first line\r\nsecond ");
        out.flush();
        assertEquals(1, list.list.size(), "a partial line waits for its end");
        out.println("half");
        assertEquals("first line", list.list.get(0).getFormattedMessage());
        assertEquals("second half", list.list.get(1).getFormattedMessage());
        assertEquals(ch.qos.logback.classic.Level.ERROR, list.list.get(1).getLevel(), "stderr logs as errors");
    }
}
