package io.jgunicorn.container.hooks;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the {@code server_hooks} class and runs hooks so that a failing hook is logged, not fatal. */
public final class Hooks {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.hooks");
    private static final ServerHooks NONE = new ServerHooks() { };

    private final ServerHooks hooks;

    private Hooks(ServerHooks hooks) {
        this.hooks = hooks;
    }

    public static Hooks none() {
        return new Hooks(NONE);
    }

    /**
     * Instantiates {@code className} from jgunicorn's class path plus {@code classpath}.
     *
     * @throws IllegalArgumentException naming the class and the problem
     */
    public static Hooks load(String className, List<String> classpath) {
        if (className == null || className.isBlank()) {
            return none();
        }
        try {
            ClassLoader cl = Hooks.class.getClassLoader();
            if (!classpath.isEmpty()) {
                URL[] urls = new URL[classpath.size()];
                for (int i = 0; i < urls.length; i++) {
                    urls[i] = Path.of(classpath.get(i)).toAbsolutePath().toUri().toURL();
                }
                cl = new URLClassLoader("server-hooks", urls, cl);
            }
            Class<?> c = Class.forName(className.trim(), true, cl);
            if (!ServerHooks.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException("server_hooks class " + className + " does not implement "
                        + ServerHooks.class.getName());
            }
            return new Hooks((ServerHooks) c.getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("server_hooks class " + className + " not found on the class path");
        } catch (MalformedURLException | ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("server_hooks class " + className + " cannot be created: " + e, e);
        }
    }

    public ServerHooks hooks() {
        return hooks;
    }

    /** A hook invocation. */
    @FunctionalInterface
    public interface Call {
        void run(ServerHooks hooks) throws Exception;
    }

    /** Runs a hook; an exception is logged with the hook's name and swallowed. */
    public void run(String name, Call call) {
        if (hooks == NONE) {
            return;
        }
        try {
            call.run(hooks);
        } catch (Exception | LinkageError e) {
            log.error("Exception in {} hook", name, e);
        }
    }

    public boolean present() {
        return hooks != NONE;
    }
}
