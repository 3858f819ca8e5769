package io.jgunicorn.tests.tomcat;

import jakarta.servlet.ServletContext;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;

/** Copied into the WAR of {@code TomcatCompatTest}: what {@code java:comp/env} holds, as an application looks it up. */
public final class Naming {

    private Naming() {}

    static String describe(ServletContext context) {
        try {
            Context initial = new InitialContext();
            Context env = (Context) initial.lookup("java:comp/env");
            String readOnly;
            try {
                env.bind("mine", "x");
                readOnly = "writable";
            } catch (OperationNotSupportedException e) {
                readOnly = "read-only";
            }
            return "greeting=" + initial.lookup("java:comp/env/greeting")
                    + " maxItems=" + env.lookup("maxItems").getClass().getSimpleName() + ":" + env.lookup("maxItems")
                    + " region=" + env.lookup("region")
                    + " ds=" + (env.lookup("jdbc/shop") instanceof javax.sql.DataSource)
                    + " theme=" + context.getInitParameter("theme")
                    + " listener=" + context.getAttribute("listener")
                    + " " + readOnly;
        } catch (NamingException e) {
            return e.toString();
        }
    }
}
