package io.jgunicorn.bridge.spec;

import io.jgunicorn.bridge.core.Deployment;
import io.jgunicorn.bridge.core.FilterHolder;
import io.jgunicorn.bridge.core.FilterMapping;
import io.jgunicorn.bridge.core.ServletHolder;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters that apply to one dispatch, then the servlet. Order per spec: filters matched by URL
 * pattern in mapping order, then those matched by servlet name; each filter once.
 */
public final class FilterChainImpl implements FilterChain {

    private final List<FilterHolder> filters;
    private final ServletHolder servlet;
    private int position;

    private FilterChainImpl(List<FilterHolder> filters, ServletHolder servlet) {
        this.filters = filters;
        this.servlet = servlet;
    }

    public static FilterChainImpl build(Deployment deployment, DispatcherType type, String path, ServletHolder servlet) {
        List<FilterMapping> mappings = deployment.filterMappings();
        List<FilterHolder> chain = new ArrayList<>(Math.min(mappings.size(), 8));
        for (int i = 0, n = mappings.size(); i < n; i++) { // indexed: no iterator per request
            FilterMapping mapping = mappings.get(i);
            if (mapping.matchesPath(type, path) && !chain.contains(mapping.filter())) {
                chain.add(mapping.filter());
            }
        }
        for (int i = 0, n = mappings.size(); i < n; i++) {
            FilterMapping mapping = mappings.get(i);
            if (mapping.matchesServlet(type, servlet.name()) && !chain.contains(mapping.filter())) {
                chain.add(mapping.filter());
            }
        }
        return new FilterChainImpl(chain, servlet);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
        ExchangeState state = Unwrap.state(request);
        if (position < filters.size()) {
            FilterHolder holder = filters.get(position++);
            if (state != null && !holder.asyncSupported()) {
                state.asyncSupported(false);
            }
            holder.filter().doFilter(request, response, this);
            return;
        }
        if (state != null && !servlet.asyncSupported()) {
            state.asyncSupported(false);
        }
        servlet.servlet().service(request, response);
    }
}
