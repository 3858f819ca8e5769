package io.jgunicorn.arquillian;

import java.net.URL;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Adds a test's vendor deployment descriptor to its WAR, the Jakarta TCKs' porting convention: a
 * resource named {@code <archive name>.sun-web.xml} beside the test class (for example
 * {@code clientcertanno_web.war.sun-web.xml}) is the archive's {@code WEB-INF/sun-web.xml}, which
 * the vendor's tooling puts in when the test's own deployment method did not. jgunicorn reads its
 * {@code security-role-mapping} for CLIENT-CERT users (see the bridge's README, "Vendor role
 * mapping"). A WAR that already carries {@code glassfish-web.xml} or {@code sun-web.xml} is left as
 * it is.
 *
 * <p>An observer of {@link BeforeDeploy} rather than an {@code ApplicationArchiveProcessor}:
 * Arquillian runs those for testable deployments only, and the TCK's security tests are not testable.
 */
public final class VendorDescriptors {

    @Inject
    private Instance<TestClass> testClass;

    public void addBeforeDeploy(@Observes BeforeDeploy event) {
        DeploymentDescription deployment = event.getDeployment();
        TestClass test = testClass.get();
        if (test == null || !deployment.isArchiveDeployment()) {
            return;
        }
        add(deployment.testable() && deployment.getTestableArchive() != null
                ? deployment.getTestableArchive() : deployment.getArchive(), test.getJavaClass());
    }

    /** Adds {@code WEB-INF/sun-web.xml} to a WAR from the resource named after it beside {@code test}, if any. */
    static void add(Archive<?> archive, Class<?> test) {
        if (!(archive instanceof WebArchive war)
                || war.contains("WEB-INF/glassfish-web.xml") || war.contains("WEB-INF/sun-web.xml")) {
            return;
        }
        String resource = test.getPackageName().replace('.', '/') + "/" + war.getName() + ".sun-web.xml";
        ClassLoader loader = test.getClassLoader() != null ? test.getClassLoader() : ClassLoader.getSystemClassLoader();
        URL descriptor = loader.getResource(resource);
        if (descriptor != null) {
            war.addAsWebInfResource(descriptor, "sun-web.xml");
        }
    }
}
