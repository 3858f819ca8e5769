/**
 * {@code --deploy-dir} in a worker: {@code DeployDirAppLoader} loads the applications the arbiter
 * listed for this generation (setting {@code deploy_apps}), each a WAR through the root package's
 * {@code WarAppLoader} or an INI descriptor through {@code paste.PasteAppLoader}, all sharing one
 * {@code bridge.core.ContextRegistry} (for {@code cross_context}), behind one {@code PrefixRouter}.
 *
 * <p>The top of the loader: it may use the root package and {@code paste}, and nothing of the
 * loader uses it (it is found by {@code ServiceLoader}). Being its own package is what keeps the
 * loader free of package cycles: {@code paste} builds on the root package's deployers and router,
 * and this is the one place that needs both ({@code LoaderArchitectureTest}).
 */
package io.jgunicorn.deploy.dir;
