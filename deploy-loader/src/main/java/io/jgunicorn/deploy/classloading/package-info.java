/**
 * Class loaders: one per application, child-first for {@code WEB-INF/classes} then
 * {@code WEB-INF/lib}; {@code java.*}/{@code jakarta.*} from the parent; jgunicorn's own classes
 * invisible to the application.
 *
 * <p>Uses nothing of the loader's other packages.
 */
package io.jgunicorn.deploy.classloading;
