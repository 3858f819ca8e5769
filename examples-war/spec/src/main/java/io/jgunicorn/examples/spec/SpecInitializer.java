package io.jgunicorn.examples.spec;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.http.HttpServlet;
import java.util.Set;
import java.util.TreeSet;

/** Found through META-INF/services; records which HttpServlet subclasses @HandlesTypes found. */
@HandlesTypes(HttpServlet.class)
public class SpecInitializer implements ServletContainerInitializer {

    static final String ATTRIBUTE = "spec.initializer";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
        Set<String> names = new TreeSet<>();
        if (classes != null) {
            classes.forEach(c -> names.add(c.getSimpleName()));
        }
        ctx.setAttribute(ATTRIBUTE, String.join(",", names));
    }
}
