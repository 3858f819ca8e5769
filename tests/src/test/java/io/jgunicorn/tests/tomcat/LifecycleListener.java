package io.jgunicorn.tests.tomcat;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** Copied into the WAR of {@code TomcatCompatTest}: a listener gets injection and lifecycle callbacks too. */
public class LifecycleListener implements ServletContextListener {

    @Resource(name = "region")
    private String region;

    private String seen;

    @PostConstruct
    void ready() {
        seen = "postConstruct region=" + region;
    }

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        sce.getServletContext().setAttribute("listener", seen);
    }

    @PreDestroy
    void bye() {
        System.err.println("LifecycleListener @PreDestroy ran");
    }
}
