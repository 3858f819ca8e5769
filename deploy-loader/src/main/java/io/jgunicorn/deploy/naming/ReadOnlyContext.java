package io.jgunicorn.deploy.naming;

import java.util.Hashtable;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;

/**
 * One application's naming tree as {@code InitialContext} shows it: {@code java:comp/env/...}
 * (and the same names relative to a sub-context it returns). Read-only, as Tomcat makes it for
 * applications: bind, rename, unbind and the like throw {@link OperationNotSupportedException}.
 * Values may be {@link Supplier}s, resolved on lookup (DataSources are made on first lookup).
 */
final class ReadOnlyContext implements Context {

    private static final NameParser PARSER = CompositeName::new;

    /** Full names ("java:comp/env/jdbc/db") → values; shared by every sub-context. */
    private final NavigableMap<String, Object> bindings;
    /** This context's prefix: "" for the initial context, else "java:comp/env/" and the like. */
    private final String prefix;

    ReadOnlyContext(Map<String, Object> bindings) {
        this(new TreeMap<>(bindings), "");
    }

    private ReadOnlyContext(NavigableMap<String, Object> bindings, String prefix) {
        this.bindings = bindings;
        this.prefix = prefix;
    }

    private String full(String name) {
        String n = name;
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return prefix + n;
    }

    private boolean isContext(String full) {
        String key = full.isEmpty() ? "" : full.endsWith(":") ? full : full + "/";
        String next = bindings.ceilingKey(key);
        return next != null && next.startsWith(key) && !next.equals(full);
    }

    @Override
    public Object lookup(String name) throws NamingException {
        String full = full(name);
        if (full.isEmpty() || full.equals(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1))) {
            return new ReadOnlyContext(bindings, prefix);
        }
        if (bindings.containsKey(full)) {
            Object value = bindings.get(full);
            if (value instanceof Supplier<?> lazy) {
                try {
                    return lazy.get();
                } catch (RuntimeException e) {
                    NamingException n = new NamingException("cannot create " + full + ": " + e.getMessage());
                    n.setRootCause(e);
                    throw n;
                }
            }
            return value;
        }
        if (isContext(full)) {
            return new ReadOnlyContext(bindings, full.endsWith(":") ? full : full + "/");
        }
        throw new NameNotFoundException("Name [" + name + "] is not bound in this Context. Unable to find [" + full + "].");
    }

    @Override public Object lookup(Name name) throws NamingException { return lookup(name.toString()); }
    @Override public Object lookupLink(String name) throws NamingException { return lookup(name); }
    @Override public Object lookupLink(Name name) throws NamingException { return lookup(name); }

    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        Iterator<Map.Entry<String, Object>> children = children(name);
        return enumeration(() -> {
            Map.Entry<String, Object> e = children.next();
            return new NameClassPair(e.getKey(), e.getValue() == null ? null : e.getValue().getClass().getName());
        }, children);
    }

    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        Iterator<Map.Entry<String, Object>> children = children(name);
        return enumeration(() -> {
            Map.Entry<String, Object> e = children.next();
            return new Binding(e.getKey(), e.getValue());
        }, children);
    }

    @Override public NamingEnumeration<NameClassPair> list(Name name) throws NamingException { return list(name.toString()); }
    @Override public NamingEnumeration<Binding> listBindings(Name name) throws NamingException { return listBindings(name.toString()); }

    /** The direct children of a context: leaf values, and sub-contexts for deeper names. */
    private Iterator<Map.Entry<String, Object>> children(String name) throws NamingException {
        if (!(lookup(name) instanceof ReadOnlyContext sub)) {
            throw new NotContextException(name + " is not a context");
        }
        Map<String, Object> children = new TreeMap<>();
        for (Map.Entry<String, Object> e : bindings.tailMap(sub.prefix, true).entrySet()) {
            if (!e.getKey().startsWith(sub.prefix)) {
                break;
            }
            String rest = e.getKey().substring(sub.prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                children.put(rest, e.getValue() instanceof Supplier<?> ? sub.lookup(rest) : e.getValue());
            } else {
                children.putIfAbsent(rest.substring(0, slash), new ReadOnlyContext(bindings, sub.prefix + rest.substring(0, slash + 1)));
            }
        }
        return children.entrySet().iterator();
    }

    private static <T> NamingEnumeration<T> enumeration(Supplier<T> next, Iterator<?> it) {
        return new NamingEnumeration<>() {
            @Override public T next() { return nextElement(); }
            @Override public boolean hasMore() { return it.hasNext(); }
            @Override public void close() {}
            @Override public boolean hasMoreElements() { return it.hasNext(); }

            @Override
            public T nextElement() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                return next.get();
            }
        };
    }

    private static NamingException readOnly() {
        return new OperationNotSupportedException("Context is read only");
    }

    @Override public void bind(Name name, Object obj) throws NamingException { throw readOnly(); }
    @Override public void bind(String name, Object obj) throws NamingException { throw readOnly(); }
    @Override public void rebind(Name name, Object obj) throws NamingException { throw readOnly(); }
    @Override public void rebind(String name, Object obj) throws NamingException { throw readOnly(); }
    @Override public void unbind(Name name) throws NamingException { throw readOnly(); }
    @Override public void unbind(String name) throws NamingException { throw readOnly(); }
    @Override public void rename(Name oldName, Name newName) throws NamingException { throw readOnly(); }
    @Override public void rename(String oldName, String newName) throws NamingException { throw readOnly(); }
    @Override public void destroySubcontext(Name name) throws NamingException { throw readOnly(); }
    @Override public void destroySubcontext(String name) throws NamingException { throw readOnly(); }
    @Override public Context createSubcontext(Name name) throws NamingException { throw readOnly(); }
    @Override public Context createSubcontext(String name) throws NamingException { throw readOnly(); }
    @Override public Object addToEnvironment(String propName, Object propVal) throws NamingException { throw readOnly(); }
    @Override public Object removeFromEnvironment(String propName) throws NamingException { throw readOnly(); }

    @Override public NameParser getNameParser(Name name) { return PARSER; }
    @Override public NameParser getNameParser(String name) { return PARSER; }
    @Override public Name composeName(Name name, Name prefix) throws NamingException { return ((Name) prefix.clone()).addAll(name); }
    @Override public String composeName(String name, String prefix) { return prefix.isEmpty() ? name : prefix + "/" + name; }
    @Override public Hashtable<?, ?> getEnvironment() { return new Hashtable<>(); }
    @Override public void close() {}

    @Override
    public String getNameInNamespace() {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
