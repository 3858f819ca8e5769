package io.jgunicorn.arquillian;

import java.net.URL;
import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Adds a test's vendor deployment descriptor to its WAR, the Jakarta TCKs' porting convention: a
 * resource named {@code <archive name>.sun-web.xml} beside the test class (for example
 * {@code clientcertanno_web.war.sun-web.xml}) is the archive's {@code WEB-INF/sun-web.xml}, which
 * the vendor's archive processor puts in when the test's own deployment method did not. jgunicorn
 * reads its {@code security-role-mapping} for CLIENT-CERT users (see the bridge's README, "Vendor
 * role mapping"). A WAR that already carries {@code glassfish-web.xml} or {@code sun-web.xml} is
 * left as it is.
 */
public final class VendorDescriptors implements ApplicationArchiveProcessor {

    @Override
    public void process(Archive<?> archive, TestClass testClass) {
        if (!(archive instanceof WebArchive war)
                || war.contains("WEB-INF/glassfish-web.xml") || war.contains("WEB-INF/sun-web.xml")) {
            return;
        }
        Class<?> test = testClass.getJavaClass();
        String resource = test.getPackageName().replace('.', '/') + "/" + war.getName() + ".sun-web.xml";
        ClassLoader loader = test.getClassLoader() != null ? test.getClassLoader() : ClassLoader.getSystemClassLoader();
        URL descriptor = loader.getResource(resource);
        if (descriptor != null) {
            war.addAsWebInfResource(descriptor, "sun-web.xml");
        }
    }
}
