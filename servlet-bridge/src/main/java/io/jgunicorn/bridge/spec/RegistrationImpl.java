package io.jgunicorn.bridge.spec;

import io.jgunicorn.bridge.core.Deployment;
import io.jgunicorn.bridge.core.Holder;
import jakarta.servlet.Registration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What servlet and filter registrations share (Jetty's {@code Holder.HolderRegistration}): the view
 * of a {@link Holder}'s name, class and init params. Changes are only legal while the context
 * initializes.
 */
abstract sealed class RegistrationImpl<H extends Holder<?>> implements Registration.Dynamic
        permits ServletRegistrationImpl, FilterRegistrationImpl {

    final Deployment deployment;
    final H holder;

    RegistrationImpl(Deployment deployment, H holder) {
        this.deployment = deployment;
        this.holder = holder;
    }

    final void checkInitializing() {
        if (deployment.state() != Deployment.State.INITIALIZING) {
            throw new IllegalStateException("servlet context already initialized");
        }
    }

    @Override public String getName() { return holder.name(); }
    @Override public String getClassName() { return holder.className(); }
    @Override public String getInitParameter(String name) { return holder.initParams().get(name); }
    @Override public Map<String, String> getInitParameters() { return Map.copyOf(holder.initParams()); }
    @Override public void setAsyncSupported(boolean supported) { checkInitializing(); holder.asyncSupported(supported); }

    @Override
    public boolean setInitParameter(String name, String value) {
        if (name == null || value == null) {
            throw new IllegalArgumentException("init parameter name and value must not be null");
        }
        checkInitializing();
        return holder.initParams().putIfAbsent(name, value) == null;
    }

    @Override
    public Set<String> setInitParameters(Map<String, String> params) {
        checkInitializing();
        Set<String> conflicts = new LinkedHashSet<>();
        params.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("init parameter name and value must not be null");
            }
            if (holder.initParams().containsKey(k)) {
                conflicts.add(k);
            }
        });
        if (conflicts.isEmpty()) {
            holder.initParams().putAll(params);
        }
        return conflicts;
    }
}
