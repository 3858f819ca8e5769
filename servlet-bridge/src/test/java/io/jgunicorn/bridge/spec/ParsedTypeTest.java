package io.jgunicorn.bridge.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The Content-Type values setContentType takes apart, once per distinct value. */
class ParsedTypeTest {

    @Test
    void typeCharsetAndTheHeaderTheyGiveBack() {
        HttpServletResponseImpl.ParsedType p = HttpServletResponseImpl.ParsedType.of("text/plain; charset=\"UTF-8\"");
        assertEquals("text/plain", p.mimeType());
        assertEquals("UTF-8", p.charset(), "as the application wrote it, unquoted");
        assertEquals("text/plain;charset=UTF-8", p.header());
        HttpServletResponseImpl.ParsedType plain = HttpServletResponseImpl.ParsedType.of("application/json");
        assertNull(plain.charset());
        assertEquals("application/json", plain.header());
    }

    @Test
    void aValueSeenBeforeIsNotParsedAgain() {
        String type = "text/html;charset=ISO-8859-1";
        assertSame(HttpServletResponseImpl.ParsedType.of(type), HttpServletResponseImpl.ParsedType.of(new String(type)));
    }
}
