package io.jgunicorn.deploy.naming;

import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;
import javax.naming.spi.InitialContextFactory;
import javax.naming.spi.NamingManager;

/**
 * {@code new InitialContext()} in a worker, the way Tomcat wires it: the context an application
 * thread gets is its own application's {@code java:comp/env}, found through the thread's context
 * class loader (the bridge sets it to the application's for every request, listener and init).
 * Installed once per process (the JDK allows one {@code InitialContextFactoryBuilder}); an
 * explicit {@code java.naming.factory.initial} (an LDAP client's, say) is still honoured.
 */
public final class JavaNaming {

    private static final Map<ClassLoader, Context> CONTEXTS = new ConcurrentHashMap<>();
    private static volatile boolean installed;

    private JavaNaming() {}

    /** Makes {@code context} the naming context of the threads whose context loader is (or descends from) {@code loader}. */
    static void bind(ClassLoader loader, Context context) {
        install();
        CONTEXTS.put(loader, context);
    }

    static void unbind(ClassLoader loader) {
        CONTEXTS.remove(loader);
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            NamingManager.setInitialContextFactoryBuilder(JavaNaming::factory);
        } catch (NamingException | IllegalStateException e) {
            throw new IllegalStateException("cannot install java:comp/env (another InitialContextFactoryBuilder is set): " + e, e);
        }
        installed = true;
    }

    private static InitialContextFactory factory(Hashtable<?, ?> env) throws NamingException {
        Object explicit = env == null ? null : env.get(Context.INITIAL_CONTEXT_FACTORY);
        if (explicit == null) {
            explicit = System.getProperty(Context.INITIAL_CONTEXT_FACTORY);
        }
        if (explicit instanceof String className && !className.isBlank()) {
            try {
                ClassLoader tccl = Thread.currentThread().getContextClassLoader();
                return (InitialContextFactory) Class.forName(className, true, tccl == null ? JavaNaming.class.getClassLoader() : tccl)
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                NoInitialContextException n = new NoInitialContextException("cannot make the InitialContextFactory " + className);
                n.setRootCause(e);
                throw n;
            }
        }
        return ignored -> current();
    }

    private static Context current() throws NamingException {
        for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null; l = l.getParent()) {
            Context c = CONTEXTS.get(l);
            if (c != null) {
                return c;
            }
        }
        throw new NoInitialContextException("no java:comp/env here: this thread does not run a web application "
                + "(its context class loader is not an application's)");
    }
}
