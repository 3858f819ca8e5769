package io.jgunicorn.bridge.core;

import jakarta.servlet.ServletException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

/**
 * Servlet 6.1 section 15.5 for the components the bridge makes (servlets, filters, listeners,
 * upgrade handlers, and what Jasper asks through the context attribute {@link #ATTRIBUTE}):
 * {@code @Resource} fields and setters are set from the application's {@code java:comp/env} (a
 * name that is not bound is left alone, as an env-entry without a value is), then
 * {@code @PostConstruct} runs; {@code @PreDestroy} runs when the instance is taken out of service.
 * Superclasses first. Annotations are matched by name ({@code jakarta.annotation.*}), whichever
 * loader defined them. Nothing happens when web.xml is metadata-complete.
 */
public final class Injector {

    /** The context attribute under which Jasper's InstanceManager (the jsp module) finds this injector. */
    public static final String ATTRIBUTE = "io.jgunicorn.injector";

    static final String RESOURCE = "jakarta.annotation.Resource";
    static final String POST_CONSTRUCT = "jakarta.annotation.PostConstruct";
    static final String PRE_DESTROY = "jakarta.annotation.PreDestroy";

    private final boolean enabled;
    private final Map<Class<?>, Plan> plans = new ConcurrentHashMap<>();
    private final List<Object> live = Collections.synchronizedList(new ArrayList<>());

    Injector(boolean enabled) {
        this.enabled = enabled;
    }

    private record Injection(Field field, Method setter, String name, String lookup) {}

    private record Plan(List<Injection> injections, List<Method> postConstruct, List<Method> preDestroy) {
        boolean empty() {
            return injections.isEmpty() && postConstruct.isEmpty() && preDestroy.isEmpty();
        }
    }

    /** Injects and runs {@code @PostConstruct} (the thread's context loader is the application's). */
    public void inject(Object instance) throws ServletException {
        if (!enabled) {
            return;
        }
        Plan plan = plans.computeIfAbsent(instance.getClass(), Injector::plan);
        if (plan.empty()) {
            return;
        }
        try {
            if (!plan.injections.isEmpty()) {
                InitialContext naming = new InitialContext();
                for (Injection i : plan.injections) {
                    Object value;
                    try {
                        value = naming.lookup(i.lookup != null ? i.lookup : "java:comp/env/" + i.name);
                    } catch (NameNotFoundException e) {
                        continue; // nothing bound: the field keeps its initial value (Servlet 6.1 section 15.5.3)
                    }
                    if (i.field != null) {
                        i.field.set(instance, value);
                    } else {
                        i.setter.invoke(instance, value);
                    }
                }
            }
            for (Method m : plan.postConstruct) {
                m.invoke(instance);
            }
        } catch (InvocationTargetException e) {
            throw new ServletException("@PostConstruct or @Resource setter of " + instance.getClass().getName() + " failed: "
                    + e.getCause(), e.getCause());
        } catch (NamingException | ReflectiveOperationException | IllegalArgumentException e) {
            throw new ServletException("cannot inject " + instance.getClass().getName() + ": " + e, e);
        }
        if (!plan.preDestroy.isEmpty()) {
            live.add(instance);
        }
    }

    /** Runs {@code @PreDestroy} of an instance once; errors are the caller's to log. */
    public void destroy(Object instance) throws ReflectiveOperationException {
        if (!enabled || !live.remove(instance)) {
            return;
        }
        for (Method m : plans.get(instance.getClass()).preDestroy) {
            m.invoke(instance);
        }
    }

    /** The instances still waiting for their {@code @PreDestroy} (listeners), newest first. */
    List<Object> remaining() {
        synchronized (live) {
            return new ArrayList<>(live).reversed();
        }
    }

    private static Plan plan(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.addFirst(c);
        }
        List<Injection> injections = new ArrayList<>();
        List<Method> post = new ArrayList<>();
        List<Method> pre = new ArrayList<>();
        for (Class<?> c : hierarchy) {
            if (c.getName().startsWith("jakarta.") || c.getName().startsWith("java")) {
                continue;
            }
            try {
                for (Field f : c.getDeclaredFields()) {
                    Annotation r = annotation(f.getDeclaredAnnotations(), RESOURCE);
                    if (r != null && !Modifier.isStatic(f.getModifiers())) {
                        f.setAccessible(true);
                        injections.add(new Injection(f, null, name(r, c.getName() + "/" + f.getName()), lookup(r)));
                    }
                }
                for (Method m : c.getDeclaredMethods()) {
                    Annotation r = annotation(m.getDeclaredAnnotations(), RESOURCE);
                    if (r != null && m.getParameterCount() == 1 && m.getName().startsWith("set") && m.getName().length() > 3) {
                        String property = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                        m.setAccessible(true);
                        injections.add(new Injection(null, m, name(r, c.getName() + "/" + property), lookup(r)));
                    }
                    if (m.getParameterCount() == 0 && annotation(m.getDeclaredAnnotations(), POST_CONSTRUCT) != null) {
                        m.setAccessible(true);
                        post.add(m);
                    }
                    if (m.getParameterCount() == 0 && annotation(m.getDeclaredAnnotations(), PRE_DESTROY) != null) {
                        m.setAccessible(true);
                        pre.add(m);
                    }
                }
            } catch (LinkageError e) {
                // a member whose type is missing (an optional dependency): such classes cannot be injected
                org.slf4j.LoggerFactory.getLogger(Injector.class).debug("not injecting {}: {}", c.getName(), e.toString());
            }
        }
        return new Plan(List.copyOf(injections), List.copyOf(post), List.copyOf(pre).reversed());
    }

    static Annotation annotation(Annotation[] annotations, String type) {
        for (Annotation a : annotations) {
            if (a.annotationType().getName().equals(type)) {
                return a;
            }
        }
        return null;
    }

    /** A String element of an annotation, read by name. */
    static String element(Annotation a, String element) {
        try {
            Object v = a.annotationType().getMethod(element).invoke(a);
            return v instanceof String s && !s.isEmpty() ? s : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static String name(Annotation resource, String defaultName) {
        String n = element(resource, "name");
        if (n == null) {
            return defaultName;
        }
        return n.startsWith("java:comp/env/") ? n.substring("java:comp/env/".length()) : n;
    }

    private static String lookup(Annotation resource) {
        String l = element(resource, "lookup");
        return l != null ? l : element(resource, "mappedName");
    }
}
