package io.jgunicorn.tests.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgunicorn.tests.crossctx.CallerServlet;
import io.jgunicorn.tests.crossctx.TargetServlet;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code crossContext} in {@code arquillian.xml} reaches the server: two archives deployed side by
 * side, and the caller forwards into the other application through {@code ServletContext.getContext}.
 */
@ExtendWith(ArquillianExtension.class)
class CrossContextArquillianTest {

    @Deployment(name = "target", testable = false, order = 1)
    static WebArchive target() {
        return war("target.war", TargetServlet.class, "/show");
    }

    @Deployment(name = "caller", testable = false, order = 2)
    static WebArchive caller() {
        return war("caller.war", CallerServlet.class, "/*");
    }

    private static WebArchive war(String name, Class<?> servlet, String pattern) {
        String webXml = """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1" metadata-complete="true">
                  <servlet><servlet-name>s</servlet-name><servlet-class>%s</servlet-class></servlet>
                  <servlet-mapping><servlet-name>s</servlet-name><url-pattern>%s</url-pattern></servlet-mapping>
                </web-app>
                """.formatted(servlet.getName(), pattern);
        return ShrinkWrap.create(WebArchive.class, name).addClass(servlet).setWebXML(new StringAsset(webXml));
    }

    @ArquillianResource
    @OperateOnDeployment("caller")
    URL caller;

    @Test
    void theCallerForwardsToAndIncludesTheOtherArchive() throws Exception {
        HttpResponse<String> lookup = Client.get(caller, "lookup");
        assertEquals("getContext(/target) = /target", lookup.body());
        HttpResponse<String> forward = Client.get(caller, "forward");
        assertEquals(200, forward.statusCode(), forward.body());
        assertEquals("target FORWARD via=forward context=/target contextPath=/target forwardedFrom=/caller"
                + " includeContext=null loaderIsMine=true", forward.body());
        assertEquals("caller[target INCLUDE via=include context=/target contextPath=/caller forwardedFrom=null"
                + " includeContext=/target loaderIsMine=true]", Client.get(caller, "include").body());
    }
}
