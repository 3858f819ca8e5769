package io.jgunicorn.deploy.paste;

import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.deploy.api.FilterFactory;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/** Turns {@code class:X} of a filter section into a {@link FilterDef}, asking X if it is a factory. */
final class FilterLoading {

    private FilterLoading() {}

    static FilterDef filterDef(String name, String className, ClassLoader loader, PasteConfig.Section s) throws PasteException {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw s.error("use", "filter class " + className + " not found on the class path (" + e + ")");
        }
        if (jakarta.servlet.Filter.class.isAssignableFrom(type)) {
            return new FilterDef(name, className, s.local(), true);
        }
        if (!FilterFactory.class.isAssignableFrom(type)) {
            throw s.error("use", className + " is neither a jakarta.servlet.Filter nor a " + FilterFactory.class.getName());
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader); // application code runs with its own loader as context
        try {
            FilterFactory factory = (FilterFactory) type.getDeclaredConstructor().newInstance();
            FilterFactory.FilterSpec spec = factory.create(Map.copyOf(s.global()), Map.copyOf(s.local()));
            return new FilterDef(name, spec.className(), spec.initParams(), true);
        } catch (InvocationTargetException e) {
            throw s.error("use", "filter factory " + className + " failed: " + e.getCause());
        } catch (Exception e) {
            throw s.error("use", "filter factory " + className + " failed: " + e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
