package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.tests.jsp.Greeter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An ordinary WAR with JSPs, as it runs on Tomcat: pages compiled on first request by Jasper,
 * includes, EL, JSTL shipped in WEB-INF/lib, a tag file, a JSP document, a {@code <jsp-file>}
 * servlet, a jsp-config prelude, a welcome {@code index.jsp}, and a page that does not compile. One
 * server per worker class, all four.
 */
class JspTest {

    static final String[] CLASSES = {"sync", "gthread", "virtual", "async"};
    static final Map<String, Jgunicorn> SERVERS = new ConcurrentHashMap<>();

    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
              <servlet>
                <servlet-name>named-page</servlet-name>
                <jsp-file>/WEB-INF/jsp/named.jsp</jsp-file>
                <init-param><param-name>greeting</param-name><param-value>hi</param-value></init-param>
              </servlet>
              <servlet-mapping><servlet-name>named-page</servlet-name><url-pattern>/named</url-pattern></servlet-mapping>
              <jsp-config>
                <jsp-property-group>
                  <url-pattern>/prelude/*</url-pattern>
                  <include-prelude>/WEB-INF/prelude.jspf</include-prelude>
                </jsp-property-group>
              </jsp-config>
            </web-app>
            """;

    @BeforeAll
    static void start() throws Exception {
        Path war = Files.createTempDirectory("jsp-war").resolve("pages.war");
        Files.write(war, war());
        for (String k : CLASSES) {
            SERVERS.put(k, Jgunicorn.start("-k", k, "-w", "1", war.toString()));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Jgunicorn j : SERVERS.values()) {
            j.close();
        }
    }

    static byte[] war() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        text(entries, "WEB-INF/web.xml", WEB_XML);
        writePages(entries);
        entries.put("WEB-INF/classes/io/jgunicorn/tests/jsp/Greeter.class", classBytes(Greeter.class));
        entries.put("WEB-INF/lib/jakarta.servlet.jsp.jstl.jar", jarHolding("META-INF/c.tld"));
        entries.put("WEB-INF/lib/jakarta.servlet.jsp.jstl-api.jar", jarHolding("jakarta/servlet/jsp/jstl/core/Config.class"));
        Map<String, byte[]> widgets = new LinkedHashMap<>();
        text(widgets, "META-INF/resources/widgets/clock.jsp", "<%@ page contentType=\"text/plain\" %>from a jar ${2 + 2}");
        entries.put("WEB-INF/lib/widgets.jar", zip(widgets));
        return zip(entries);
    }

    private static void writePages(Map<String, byte[]> entries) {
        text(entries, "index.jsp", "<%@ page contentType=\"text/plain\" %>index page <%= \"from \" + \"a scriptlet\" %>");
        text(entries, "hello.jsp", """
                <%@ page contentType="text/plain;charset=UTF-8" %>sum=<%= 1 + 2 %> name=${param.name} \
                upper=<%= request.getParameter("name").toUpperCase() %> el=${3 * 7}""");
        text(entries, "includes.jsp", """
                <%@ page contentType="text/plain" %><%@ include file="/WEB-INF/fragments/static.jspf" %>|\
                <jsp:include page="/WEB-INF/fragments/dynamic.jsp"><jsp:param name="y" value="z"/></jsp:include>""");
        text(entries, "WEB-INF/fragments/static.jspf", "static-fragment");
        text(entries, "WEB-INF/fragments/dynamic.jsp", "dynamic x=${param.x} y=${param.y}");
        text(entries, "jstl.jsp", """
                <%@ page contentType="text/plain" %><%@ taglib prefix="c" uri="jakarta.tags.core" %>\
                <c:forEach var="i" begin="1" end="3">[${i}]</c:forEach> <c:out value="${param.q}"/>""");
        text(entries, "WEB-INF/tags/box.tag", "<%@ attribute name=\"label\" required=\"true\" %>[box ${label}]");
        text(entries, "tagfile.jsp", """
                <%@ page contentType="text/plain" %><%@ taglib prefix="t" tagdir="/WEB-INF/tags" %><t:box label="${param.l}"/>""");
        text(entries, "document.jspx", """
                <jsp:root xmlns:jsp="http://java.sun.com/JSP/Page" version="4.0">
                  <jsp:directive.page contentType="text/plain"/>
                  <jsp:text>xml syntax ${1 + 1}</jsp:text>
                </jsp:root>""");
        text(entries, "bean.jsp", """
                <%@ page contentType="text/plain" import="io.jgunicorn.tests.jsp.Greeter" %>\
                <jsp:useBean id="greeter" class="io.jgunicorn.tests.jsp.Greeter"/>\
                <jsp:setProperty name="greeter" property="name" param="who"/><%= Greeter.greet("page") %>, ${greeter.name}""");
        text(entries, "broken.jsp", "<%= undefinedVariable %>");
        text(entries, "WEB-INF/jsp/named.jsp", """
                <%@ page contentType="text/plain" %>named greeting=<%= config.getInitParameter("greeting") %>""");
        text(entries, "WEB-INF/prelude.jspf", "PRELUDE ");
        text(entries, "prelude/page.jsp", "<%@ page contentType=\"text/plain\" %>page");
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void text(Map<String, byte[]> entries, String name, String content) {
        entries.put(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] classBytes(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    /** The bytes of the JSTL jar (a test dependency) that holds {@code resource}. */
    private static byte[] jarHolding(String resource) throws IOException {
        URL url = JspTest.class.getClassLoader().getResource(resource);
        assertTrue(url != null && url.getProtocol().equals("jar"), resource + " is not in a jar on the test class path: " + url);
        URL jar = ((JarURLConnection) url.openConnection()).getJarFileURL();
        try (InputStream in = jar.openStream()) {
            return in.readAllBytes();
        }
    }

    static Http.Response get(String k, String target) throws IOException {
        return Http.get(SERVERS.get(k).port(), target);
    }

    static String ok(String k, String target) throws IOException {
        Http.Response r = get(k, target);
        assertEquals(200, r.status(), target + " answered " + r.text());
        return r.text().strip();
    }

    /** What each page answers: the behaviour it shows, the request, the body. */
    static final List<List<String>> PAGES = List.of(
            List.of("scriptlets, EL and request parameters", "/hello.jsp?name=Ada", "sum=3 name=Ada upper=ADA el=21"),
            List.of("index.jsp is the welcome file", "/", "index page from a scriptlet"),
            List.of("a static include and a jsp:include", "/includes.jsp?x=1", "static-fragment|dynamic x=1 y=z"),
            List.of("JSTL from WEB-INF/lib", "/jstl.jsp?q=%3Cb%3E", "[1][2][3] &lt;b&gt;"),
            List.of("a bean from WEB-INF/classes", "/bean.jsp?who=Grace", "hello page, Grace"),
            List.of("a page in META-INF/resources of a WEB-INF/lib jar", "/widgets/clock.jsp", "from a jar 4"),
            List.of("a tag file", "/tagfile.jsp?l=a", "[box a]"),
            List.of("a JSP document", "/document.jspx", "xml syntax 2"),
            List.of("a jsp-file servlet with its init param", "/named", "named greeting=hi"),
            List.of("a jsp-config include-prelude", "/prelude/page.jsp", "PRELUDE page"));

    static Stream<Arguments> pageRequests() {
        return Stream.of(CLASSES).flatMap(k -> PAGES.stream().map(p -> Arguments.of(k, p.get(0), p.get(1), p.get(2))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("pageRequests")
    void pagesAnswerAsOnTomcat(String k, String behaviour, String target, String expected) throws Exception {
        assertEquals(expected, ok(k, target), behaviour);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void aPageThatDoesNotCompileAnswers500AndIsLoggedWhileTheWorkerServesOn(String k) throws Exception {
        Jgunicorn j = SERVERS.get(k);
        ok(k, "/hello.jsp?name=x");
        List<Long> workers = j.workerPids();
        assertEquals(500, get(k, "/broken.jsp").status());
        Jgunicorn.await("the compile error in the log", Duration.ofSeconds(30),
                () -> j.output().contains("undefinedVariable cannot be resolved"));
        assertTrue(j.output().contains("/broken.jsp"), j.output());
        assertEquals("sum=3 name=y upper=Y el=21", ok(k, "/hello.jsp?name=y"));
        assertEquals(workers, j.workerPids(), "the same worker serves on");
    }
}
