package io.jgunicorn.bridge.spec;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A request the application dispatches wrapped in plain {@link ServletRequestWrapper}s (which have
 * no HTTP view): the dispatch's own {@link DispatchedRequest} goes beneath them, over the HTTP request
 * they wrap, and is taken out again when the dispatch returns. The target so gets the application's
 * wrapper, which now answers with the dispatch's paths, type and attributes, as in Tomcat's
 * {@code ApplicationDispatcher}.
 */
final class PlainWrappers {

    private final ServletRequest outer;
    private final ServletRequestWrapper lowest;
    private final HttpServletRequest http;

    private PlainWrappers(ServletRequest outer, ServletRequestWrapper lowest, HttpServletRequest http) {
        this.outer = outer;
        this.lowest = lowest;
        this.http = http;
    }

    /** Null when {@code request} is an HTTP request itself (the usual case). */
    static PlainWrappers of(ServletRequest request) {
        if (request instanceof HttpServletRequest) {
            return null;
        }
        ServletRequest current = request;
        while (current instanceof ServletRequestWrapper wrapper) {
            if (wrapper.getRequest() instanceof HttpServletRequest h) {
                return new PlainWrappers(request, wrapper, h);
            }
            current = wrapper.getRequest();
        }
        throw new IllegalArgumentException("not a request of this container, nor a wrapper of one: " + request.getClass().getName());
    }

    /** The HTTP request under the application's plain wrappers. */
    HttpServletRequest http() {
        return http;
    }

    /** Puts {@code dispatched} under the wrappers; returns the outermost, for the target. */
    ServletRequest insert(HttpServletRequest dispatched) {
        lowest.setRequest(dispatched);
        return outer;
    }

    /** Takes the dispatch's request out again. */
    void restore() {
        lowest.setRequest(http);
    }
}
