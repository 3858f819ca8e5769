package io.jgunicorn.examples.hello;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Declared in web.xml; records that the context started. With the system property
 * {@code hello.startupDelayMs} (a worker JVM option) it first sleeps that long: a stand-in for a
 * framework that starts slowly, for the boot-timeout tests.
 */
public class HelloListener implements ServletContextListener {

    static final String ATTRIBUTE = "hello.listener";

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        long delay = Long.getLong("hello.startupDelayMs", 0L);
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sce.getServletContext().setAttribute(ATTRIBUTE, "ran");
    }
}
