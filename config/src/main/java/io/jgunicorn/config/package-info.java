/**
 * The settings table ({@code Settings}: one declaration per setting, from which the command line,
 * the config file, {@code JGUNICORN_CMD_ARGS}, the docs and every default derive) and the resolved,
 * typed {@code Config}; the table of worker classes ({@code WorkerClasses}) and the realm password
 * format ({@code RealmPasswords}).
 *
 * <p>Depends on nothing of jgunicorn; every other module may use it.
 */
package io.jgunicorn.config;
