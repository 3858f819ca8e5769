package io.jgunicorn.bridge.spec;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;

/** Finds the bridge's own request/response under any chain of application wrappers. */
public final class Unwrap {

    private Unwrap() {}

    /** The per-request state behind {@code request}, or null if it is not (a wrapper of) ours. */
    public static ExchangeState state(ServletRequest request) {
        ServletRequest current = request;
        while (current != null) {
            if (current instanceof HttpServletRequestImpl ours) {
                return ours.state();
            }
            current = current instanceof ServletRequestWrapper wrapper ? wrapper.getRequest() : null;
        }
        return null;
    }

    public static ExchangeState state(ServletResponse response) {
        ServletResponse current = response;
        while (current != null) {
            if (current instanceof HttpServletResponseImpl ours) {
                return ours.state();
            }
            current = current instanceof ServletResponseWrapper wrapper ? wrapper.getResponse() : null;
        }
        return null;
    }
}
