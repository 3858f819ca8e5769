package io.jgunicorn.examples.springboot;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;

/** The WAR's entry point: the container finds Spring's initializer, which calls {@link #configure}. */
@SpringBootApplication
public class SpringBootExample extends SpringBootServletInitializer {

    @Override
    protected SpringApplicationBuilder configure(SpringApplicationBuilder builder) {
        return builder.sources(SpringBootExample.class);
    }
}
