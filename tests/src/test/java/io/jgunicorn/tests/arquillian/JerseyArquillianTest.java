package io.jgunicorn.tests.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Jersey sample as built, deployed as {@code rest.war}: its servlet is registered at run time
 * by Jersey's initializer, and the URL still carries the context path.
 */
@ExtendWith(ArquillianExtension.class)
class JerseyArquillianTest {

    @Deployment(testable = false)
    static WebArchive rest() {
        return Archives.exampleWar("jersey", "rest.war");
    }

    @ArquillianResource
    URL base;

    @Test
    void resourcesAnswerUnderTheArchiveContextPath() throws Exception {
        assertEquals("/rest/", base.getPath());
        HttpResponse<String> text = Client.get(base, "api/hello?name=arquillian");
        assertEquals(200, text.statusCode(), text.body());
        assertEquals("Hello, arquillian!", text.body());
        HttpResponse<String> json = Client.get(base, "api/hello/json/ada");
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"greeting\":\"Hello\",\"name\":\"ada\"}", json.body());
    }
}
