package io.jgunicorn.tests.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** hello's classes, packaged by ShrinkWrap as {@code greeter.war}, deployed through the adapter. */
@ExtendWith(ArquillianExtension.class)
class HelloArquillianTest {

    @Deployment(testable = false)
    static WebArchive greeter() {
        return Archives.helloClasses("greeter.war");
    }

    @ArquillianResource
    URL base;

    @Test
    void theUrlCarriesTheArchiveBaseNameAsContextPath() {
        assertEquals("/greeter/", base.getPath());
        assertEquals("127.0.0.1", base.getHost());
    }

    @Test
    void servletFilterAndListenerRunUnderTheContextPath() throws Exception {
        HttpResponse<String> r = Client.get(base, "");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("text/plain;charset=UTF-8", r.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(r.body().contains("Hello from jgunicorn!") && r.body().contains("filter: ran"), r.body());
        assertEquals("slept 2 ms", Client.get(base, "sleep?ms=2").body().strip());
    }

    @Test
    void nothingAnswersOutsideTheContextPath() throws Exception {
        assertEquals(404, Client.get(base, "/hello/").statusCode());
    }
}
