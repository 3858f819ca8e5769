package io.jgunicorn.tests.tomcat;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RunAs;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Copied into the WAR of {@code TomcatCompatTest}: what Servlet 6.1 section 15.5 injects into a servlet. */
@DeclareRoles({"auditor"})
@RunAs("batch")
public class InjectedServlet extends HttpServlet {

    @Resource(name = "greeting")
    private String greeting;

    @Resource(name = "jdbc/shop")
    private DataSource shop;

    @Resource(name = "notBound")
    private String notBound = "initial";

    private Integer maxItems;
    private String state = "made";

    @Resource(name = "maxItems")
    public void setMaxItems(Integer value) {
        maxItems = value;
    }

    @PostConstruct
    void ready() {
        state = "postConstruct(greeting=" + greeting + ")";
    }

    @PreDestroy
    void bye() {
        System.err.println("InjectedServlet @PreDestroy ran");
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        String answer;
        if (shop == null) {
            answer = "no DataSource";
        } else {
            try (Connection c = shop.getConnection(); ResultSet r = c.createStatement().executeQuery("SELECT 40 + 2")) {
                r.next();
                answer = String.valueOf(r.getInt(1));
            } catch (SQLException e) {
                answer = e.toString();
            }
        }
        resp.getWriter().print("greeting=" + greeting + " maxItems=" + maxItems + " notBound=" + notBound + " state=" + state
                + " sql=" + answer + " runAs=" + getServletContext().getServletRegistration(getServletName()).getRunAsRole());
    }
}
