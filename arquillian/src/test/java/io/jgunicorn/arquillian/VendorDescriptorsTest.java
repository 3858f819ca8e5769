package io.jgunicorn.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

class VendorDescriptorsTest {

    private static String entry(WebArchive war, String path) throws IOException {
        try (InputStream in = war.get(path).getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDescriptorNamedAfterTheArchiveBesideTheTestBecomesItsSunWebXml() throws IOException {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "mapped_web.war");
        VendorDescriptors.add(war, VendorDescriptorsTest.class);
        assertTrue(war.contains("WEB-INF/sun-web.xml"));
        assertTrue(entry(war, "WEB-INF/sun-web.xml").contains("<principal-name>CN=Test, O=jgunicorn</principal-name>"));
    }

    @Test
    void aWarThatBringsItsOwnVendorDescriptorKeepsIt() throws IOException {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "mapped_web.war")
                .addAsWebInfResource(new StringAsset("<glassfish-web-app/>"), "glassfish-web.xml");
        VendorDescriptors.add(war, VendorDescriptorsTest.class);
        assertFalse(war.contains("WEB-INF/sun-web.xml"));
        WebArchive own = ShrinkWrap.create(WebArchive.class, "mapped_web.war")
                .addAsWebInfResource(new StringAsset("<sun-web-app/>"), "sun-web.xml");
        VendorDescriptors.add(own, VendorDescriptorsTest.class);
        assertEquals("<sun-web-app/>", entry(own, "WEB-INF/sun-web.xml"));
    }

    @Test
    void withoutSuchAResourceOrForAnotherKindOfArchiveNothingIsAdded() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "other_web.war");
        VendorDescriptors.add(war, VendorDescriptorsTest.class);
        assertFalse(war.contains("WEB-INF/sun-web.xml"));
        JavaArchive jar = ShrinkWrap.create(JavaArchive.class, "mapped_web.war");
        VendorDescriptors.add(jar, VendorDescriptorsTest.class);
        assertFalse(jar.contains("WEB-INF/sun-web.xml"));
    }
}
