package io.jgunicorn.deploy.paste;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSectionTest {

    @Test
    void hostAndPortBecomeBindAndUseIsDropped() {
        assertEquals(Map.of("bind", "0.0.0.0:6543", "workers", "4"), ServerSection.toSettings(
                Map.of("use", "egg:gunicorn#main", "host", "0.0.0.0", "port", "6543", "workers", "4")));
    }

    @Test
    void dashesReadAsUnderscoresAndAnExplicitBindWins() {
        assertEquals(Map.of("bind", "unix:/run/app.sock", "worker_class", "gthread"), ServerSection.toSettings(
                Map.of("bind", "unix:/run/app.sock", "port", "1", "worker-class", "gthread")));
    }

    @Test
    void anIpv6HostIsBracketed() {
        assertEquals(Map.of("bind", "[::1]:8000"), ServerSection.toSettings(Map.of("host", "::1")));
    }
}
