/**
 * What application code may implement to be deployed without a WAR: {@link io.jgunicorn.deploy.api.AppFactory}
 * for {@code use = class:...} apps in INI descriptors and for {@code jgunicorn com.example.Factory},
 * {@link io.jgunicorn.deploy.api.FilterFactory} for {@code [filter:...]} sections. This package (with
 * {@code jakarta.servlet}) is the only part of jgunicorn an application's class loader can see.
 */
package io.jgunicorn.deploy.api;
