package io.jgunicorn.examples.hello;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** Declared in web.xml; records that the context started. */
public class HelloListener implements ServletContextListener {

    static final String ATTRIBUTE = "hello.listener";

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        sce.getServletContext().setAttribute(ATTRIBUTE, "ran");
    }
}
