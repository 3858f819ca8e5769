package io.jgunicorn.bridge.core;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;

/** One filter of the application: what {@link Holder} keeps; filters are initialized when the application starts. */
public final class FilterHolder extends Holder<Filter> {

    FilterHolder(Deployment deployment, String name) {
        super(deployment, name, Filter.class);
    }

    /** The initialized filter. */
    public Filter filter() throws ServletException {
        if (!initialized) {
            init();
        }
        return instance;
    }

    public synchronized void init() throws ServletException {
        if (initialized) {
            return;
        }
        create();
        ConfigImpl config = config();
        Tccl.run(deployment.classLoader(), () -> instance.init(config));
        initialized = true;
    }

    @Override
    void destroy(Filter filter) {
        filter.destroy();
    }
}
