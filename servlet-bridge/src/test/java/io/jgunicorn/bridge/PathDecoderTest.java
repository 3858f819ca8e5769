package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgunicorn.bridge.core.PathDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The path canonicalization of Servlet 6 section 3.5.2, on paths the HTTP layer might let through. */
class PathDecoderTest {

    @ParameterizedTest
    @ValueSource(strings = {"/a%00b", "/a%zz", "/a%2", "/%2F", "/a/%2e%2e/b", "/x/../..", "/a%5c", "/%C3%28", "/a\\b"})
    void refusesSuspiciousPaths(String raw) {
        assertThrows(PathDecoder.BadPathException.class, () -> PathDecoder.decode(raw, "jsessionid"));
    }

    @Test
    void decodesUtf8AndDropsPathParameters() {
        PathDecoder.DecodedPath path = PathDecoder.decode("/caf%C3%A9;v=1/x;jsessionid=ABC", "jsessionid");
        assertEquals("/café/x", path.path());
        assertEquals("ABC", path.sessionId());
    }

    @Test
    void resolvesDotSegmentsThatStayInside() {
        assertEquals("/b", PathDecoder.decode("/a/../b", "jsessionid").path());
        assertEquals("/a/b", PathDecoder.decode("/a/./b", "jsessionid").path());
        assertNull(PathDecoder.decode("/a", "jsessionid").sessionId());
    }
}
