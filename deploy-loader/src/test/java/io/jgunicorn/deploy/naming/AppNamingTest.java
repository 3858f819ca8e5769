package io.jgunicorn.deploy.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.deployment.EnvironmentDef;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.deploy.descriptor.ContextXml;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NoInitialContextException;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;

/** java:comp/env of one application: env entries, a DBCP pool made on first lookup and closed with the application. */
class AppNamingTest {

    private static ContextXml contextXml(String xml) throws Exception {
        return ContextXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "context.xml");
    }

    private static <T> T onAppThread(ClassLoader app, java.util.concurrent.Callable<T> action) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(app);
        try {
            return action.call();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    @Test
    void aDataSourceIsMadeOnFirstLookupWithTomcatsAttributesAndClosedWithTheApplication() throws Exception {
        ClassLoader app = new URLClassLoader("app", new URL[0], getClass().getClassLoader());
        ContextXml context = contextXml("""
                <Context>
                  <Resource name="jdbc/db" type="javax.sql.DataSource" auth="Container" driverClassName="org.example.NoSuchDriver"
                            url="jdbc:example:db" username="u" password="p" maxTotal="7" maxIdle="3" maxWaitMillis="1234"
                            validationQuery="SELECT 1"/>
                  <Environment name="answer" type="java.lang.Integer" value="42"/>
                </Context>
                """);
        EnvironmentDef env = new EnvironmentDef(List.of(new EnvironmentDef.EnvEntry("answer", "java.lang.Integer", "7"),
                new EnvironmentDef.EnvEntry("name", "java.lang.String", "shop")), List.of(), true);
        AppNaming naming = AppNaming.bind(app, env, context, null, "test");
        try {
            assertEquals(List.of(), naming.created(), "nothing made at deploy");
            BasicDataSource ds = onAppThread(app, () -> (BasicDataSource) new InitialContext().lookup("java:comp/env/jdbc/db"));
            assertEquals(List.of("jdbc/db"), naming.created());
            assertEquals(7, ds.getMaxTotal());
            assertEquals(3, ds.getMaxIdle());
            assertEquals(1234, ds.getMaxWaitDuration().toMillis());
            assertEquals("SELECT 1", ds.getValidationQuery());
            assertEquals("u", ds.getUserName());
            assertEquals(7, (int) onAppThread(app, () -> (Integer) new InitialContext().lookup("java:comp/env/answer")),
                    "the web.xml env-entry wins over an overridable <Environment>");
            assertEquals("shop", onAppThread(app, () -> new InitialContext().lookup("java:comp/env/name")));
            assertThrows(NameNotFoundException.class, () -> onAppThread(app, () -> new InitialContext().lookup("java:comp/env/nope")));
            assertThrows(NoInitialContextException.class, () -> new InitialContext().lookup("java:comp/env/name"),
                    "a thread that is not the application's has no java:comp/env");
            naming.close();
            assertTrue(ds.isClosed(), "closed with the application");
        } finally {
            naming.close();
        }
    }

    @Test
    void anUnknownTypeOrABadValueFailsNamingIt() throws Exception {
        ClassLoader app = new URLClassLoader("app2", new URL[0], getClass().getClassLoader());
        AppLoadException type = assertThrows(AppLoadException.class, () -> AppNaming.bind(app, EnvironmentDef.NONE,
                contextXml("<Context><Resource name=\"mail/s\" type=\"jakarta.mail.Session\"/></Context>"), null, "app"));
        assertTrue(type.getMessage().contains("cannot make a resource of type jakarta.mail.Session"), type.getMessage());
        AppLoadException value = assertThrows(AppLoadException.class, () -> AppNaming.bind(app,
                new EnvironmentDef(List.of(new EnvironmentDef.EnvEntry("n", "java.lang.Integer", "many")), List.of(), true),
                ContextXml.EMPTY, null, "app"));
        assertTrue(value.getMessage().contains("\"many\" is not a java.lang.Integer"), value.getMessage());
    }
}
