package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.tests.tomcat.FailingServlet;
import io.jgunicorn.tests.tomcat.InjectedServlet;
import io.jgunicorn.tests.tomcat.LifecycleListener;
import io.jgunicorn.tests.tomcat.Naming;
import io.jgunicorn.tests.tomcat.ProbeServlet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A WAR written for Tomcat, run unchanged: a load-on-startup servlet that fails, a session holding
 * an object that is not serializable (with the default shared session store), Tomcat's own filters
 * declared in web.xml and its logging API, {@code java:comp/env} from web.xml, {@code META-INF/context.xml}
 * and the operator's file with a DBCP DataSource over the WAR's H2 driver, injection and lifecycle
 * annotations. One server for all of it with Tomcat's defaults, then short-lived ones for the
 * settings that make jgunicorn strict and for a resource type it cannot make.
 */
class TomcatCompatTest {

    static final Duration LONG = Duration.ofSeconds(60);
    static Path war;
    static Jgunicorn server;

    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
              <listener><listener-class>io.jgunicorn.tests.tomcat.LifecycleListener</listener-class></listener>
              <filter>
                <filter-name>cors</filter-name>
                <filter-class>org.apache.catalina.filters.CorsFilter</filter-class>
                <init-param><param-name>cors.allowed.origins</param-name><param-value>https://app.example</param-value></init-param>
              </filter>
              <filter>
                <filter-name>headers</filter-name>
                <filter-class>org.apache.catalina.filters.HttpHeaderSecurityFilter</filter-class>
                <init-param><param-name>hstsEnabled</param-name><param-value>false</param-value></init-param>
              </filter>
              <filter>
                <filter-name>encoding</filter-name>
                <filter-class>org.apache.catalina.filters.SetCharacterEncodingFilter</filter-class>
                <init-param><param-name>encoding</param-name><param-value>UTF-8</param-value></init-param>
              </filter>
              <filter-mapping><filter-name>cors</filter-name><url-pattern>/probe/*</url-pattern></filter-mapping>
              <filter-mapping><filter-name>headers</filter-name><url-pattern>/*</url-pattern></filter-mapping>
              <filter-mapping><filter-name>encoding</filter-name><url-pattern>/*</url-pattern></filter-mapping>
              <servlet>
                <servlet-name>failing</servlet-name>
                <servlet-class>io.jgunicorn.tests.tomcat.FailingServlet</servlet-class>
                <load-on-startup>1</load-on-startup>
              </servlet>
              <servlet><servlet-name>probe</servlet-name><servlet-class>io.jgunicorn.tests.tomcat.ProbeServlet</servlet-class></servlet>
              <servlet><servlet-name>injected</servlet-name><servlet-class>io.jgunicorn.tests.tomcat.InjectedServlet</servlet-class></servlet>
              <servlet-mapping><servlet-name>injected</servlet-name><url-pattern>/injected</url-pattern></servlet-mapping>
              <servlet-mapping><servlet-name>failing</servlet-name><url-pattern>/failing</url-pattern></servlet-mapping>
              <servlet-mapping><servlet-name>probe</servlet-name><url-pattern>/probe/*</url-pattern></servlet-mapping>
              <context-param><param-name>theme</param-name><param-value>light</param-value></context-param>
              <env-entry><env-entry-name>greeting</env-entry-name><env-entry-type>java.lang.String</env-entry-type><env-entry-value>hello</env-entry-value></env-entry>
              <env-entry><env-entry-name>maxItems</env-entry-name><env-entry-type>java.lang.Integer</env-entry-type><env-entry-value>7</env-entry-value></env-entry>
              <resource-ref><res-ref-name>jdbc/shop</res-ref-name><res-type>javax.sql.DataSource</res-type><res-auth>Container</res-auth></resource-ref>
            </web-app>
            """;

    /** As Tomcat reads it: a pooled H2 DataSource, an Environment the operator's file overrides, a locked Parameter. */
    static final String CONTEXT_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Context>
              <Resource name="jdbc/shop" auth="Container" type="javax.sql.DataSource" driverClassName="org.h2.Driver"
                        url="jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1" username="sa" password="" maxTotal="4" maxIdle="2"
                        maxWaitMillis="5000" validationQuery="SELECT 1"/>
              <Environment name="region" type="java.lang.String" value="war-region" override="false"/>
              <Parameter name="theme" value="dark" override="false"/>
              <Valve className="org.apache.catalina.valves.RemoteAddrValve" allow=".*"/>
            </Context>
            """;

    static final String OPERATOR_XML = """
            <Context>
              <Environment name="region" type="java.lang.String" value="operator-region"/>
            </Context>
            """;

    static final Class<?>[] CLASSES = {FailingServlet.class, ProbeServlet.class, ProbeServlet.Cart.class, InjectedServlet.class,
            LifecycleListener.class, Naming.class};

    @BeforeAll
    static void start() throws Exception {
        war = Files.createTempDirectory("tomcat-compat").resolve("shop.war");
        Files.write(war, war(WEB_XML, true));
        Path operator = Files.writeString(war.resolveSibling("resources.xml"), OPERATOR_XML);
        server = Jgunicorn.start("-w", "1", "--jndi-resources", operator.toString(), war.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
            // the worker stopped gracefully: @PreDestroy of the servlet and of the listener ran
            Jgunicorn.await("@PreDestroy of the servlet and the listener", LONG,
                    () -> server.output().contains("InjectedServlet @PreDestroy ran")
                            && server.output().contains("LifecycleListener @PreDestroy ran"));
        }
    }

    static byte[] war(String webXml, boolean withContextXml) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("WEB-INF/web.xml", webXml.getBytes(StandardCharsets.UTF_8));
        if (withContextXml) {
            entries.put("META-INF/context.xml", CONTEXT_XML.getBytes(StandardCharsets.UTF_8));
        }
        try {
            entries.put("WEB-INF/lib/h2.jar", Files.readAllBytes(Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI())));
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        for (Class<?> c : CLASSES) {
            String file = c.getName().replace('.', '/') + ".class";
            try (InputStream in = c.getResourceAsStream("/" + file)) {
                entries.put("WEB-INF/classes/" + file, in.readAllBytes());
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private static Http.Response get(String target, String... headers) throws IOException {
        StringBuilder raw = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String h : headers) {
            raw.append(h).append("\r\n");
        }
        return Http.exchange(server.port(), raw.append("\r\n").toString());
    }

    @Test
    void aFailingLoadOnStartupServletAnswers503WhileTheRestOfTheApplicationRuns() throws Exception {
        assertEquals(200, get("/probe/x").status());
        for (int i = 0; i < 3; i++) {
            Http.Response r = get("/failing");
            assertEquals(503, r.status(), r.text());
        }
        Pattern cause = Pattern.compile("servlet failing failed to start.*");
        server.awaitLine(cause, LONG);
        assertEquals(1, server.count(cause), server.output());
        assertTrue(server.output().contains("database unreachable (FailingServlet)"), server.output());
        assertEquals(1, server.count(Pattern.compile(".*database unreachable \\(FailingServlet\\).*")), server.output());
    }

    @Test
    void aSessionAttributeThatIsNotSerializableStaysInTheWorkersMemoryWithOneWarning() throws Exception {
        Http.Response put = get("/probe/session-put?items=apples");
        assertEquals(200, put.status(), put.text());
        String cookie = put.header("set-cookie").split(";")[0];
        Http.Response again = get("/probe/session-put?items=pears", "Cookie: " + cookie);
        assertEquals(200, again.status(), again.text());
        Http.Response read = get("/probe/session-get", "Cookie: " + cookie);
        assertEquals("cart=pears visits=1", read.text());
        Pattern warning = Pattern.compile(".*Session attribute 'cart' \\(io\\.jgunicorn\\.tests\\.tomcat\\.ProbeServlet\\$Cart\\) is not serializable.*other workers will not see it.*");
        server.awaitLine(warning, LONG);
        assertEquals(1, server.count(warning), server.output());
    }

    @Test
    void tomcatsFiltersAndJuliAreThereAndTheRestOfTomcatIsNot() throws Exception {
        Http.Response cors = get("/probe/x", "Origin: https://app.example");
        assertEquals(200, cors.status(), cors.text());
        assertEquals("https://app.example", cors.header("access-control-allow-origin"));
        assertEquals("nosniff", cors.header("x-content-type-options"));
        assertEquals(403, get("/probe/x", "Origin: https://evil.example").status());
        Http.Response classes = get("/probe/classes?name=org.apache.catalina.filters.RemoteIpFilter"
                + "&name=org.apache.juli.logging.LogFactory&name=org.apache.catalina.core.StandardContext"
                + "&name=org.apache.catalina.connector.Request&name=org.apache.tomcat.util.buf.ByteChunk");
        assertEquals("""
                org.apache.catalina.filters.RemoteIpFilter=true
                org.apache.juli.logging.LogFactory=true
                org.apache.catalina.core.StandardContext=false
                org.apache.catalina.connector.Request=false
                org.apache.tomcat.util.buf.ByteChunk=false
                """, classes.text());
        Http.Response juli = get("/probe/juli");
        assertEquals(200, juli.status(), juli.text());
        server.awaitLine(Pattern.compile(".*logged through JULI by ProbeServlet.*"), LONG);
    }

    @Test
    void javaCompEnvHoldsEnvEntriesContextXmlAndTheOperatorsResources() throws Exception {
        String expected = "greeting=hello maxItems=Integer:7 region=operator-region ds=true theme=dark"
                + " listener=postConstruct region=operator-region read-only";
        assertEquals(expected, get("/probe/jndi").text());
        assertEquals(expected, get("/probe/jndi-thread").text(), "a thread the application starts sees it too");
        assertTrue(server.output().contains("[Valve] configure Tomcat itself and are ignored"), server.output());
    }

    @Test
    void servletsAreInjectedFromJavaCompEnvAndTheirLifecycleAnnotationsRun() throws Exception {
        assertEquals("greeting=hello maxItems=7 notBound=initial state=postConstruct(greeting=hello) sql=42 runAs=batch",
                get("/injected").text());
    }

    @Test
    void anUnknownResourceTypeFailsTheDeployNamingIt() throws Exception {
        Path bad = Files.writeString(war.resolveSibling("bad-resources.xml"), """
                <Context><Resource name="mail/Session" type="jakarta.mail.Session" mail.smtp.host="localhost"/></Context>
                """);
        try (Jgunicorn j = Jgunicorn.launch(List.of("-b", "127.0.0.1:0", "--no-control-socket", "-w", "1",
                "--jndi-resources", bad.toString(), war.toString()), Map.of(), null)) {
            assertEquals(4, j.awaitExit(LONG), j.output());
            assertTrue(j.output().contains("<Resource name=\"mail/Session\" type=\"jakarta.mail.Session\">"), j.output());
            assertTrue(j.output().contains("cannot make a resource of type jakarta.mail.Session"), j.output());
        }
    }

    @Test
    void theStrictSettingsFailTheDeployAndRefuseTheAttribute() throws Exception {
        try (Jgunicorn j = Jgunicorn.launch(List.of("-b", "127.0.0.1:0", "--no-control-socket", "-w", "1",
                "--fail-ctx-if-servlet-start-fails", war.toString()), Map.of(), null)) {
            assertEquals(4, j.awaitExit(LONG), j.output());
            assertTrue(j.output().contains("database unreachable (FailingServlet)"), j.output());
        }
        Path strict = war.resolveSibling("strict.war");
        Files.write(strict, war(WEB_XML.replace("<load-on-startup>1</load-on-startup>", "")
                .replace("version=\"6.1\">", "version=\"6.1\" metadata-complete=\"true\">"), false));
        try (Jgunicorn j = Jgunicorn.start("-w", "1", "--session-require-serializable", strict.toString())) {
            Http.Response r = Http.get(j.port(), "/probe/session-put?items=apples");
            assertEquals(500, r.status(), r.text());
            j.awaitLine(Pattern.compile("session attribute 'cart' \\(io\\.jgunicorn\\.tests\\.tomcat\\.ProbeServlet\\$Cart\\) cannot be stored"), LONG);
            // metadata-complete: no injection, no @PostConstruct; the env-entry is still in java:comp/env
            assertEquals("greeting=null maxItems=null notBound=initial state=made sql=no DataSource runAs=null",
                    Http.get(j.port(), "/injected").text());
            assertTrue(Http.get(j.port(), "/probe/jndi").text().startsWith("javax.naming.NameNotFoundException"),
                    "no context.xml: region is not bound");
        }
    }
}
