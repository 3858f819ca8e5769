package io.jgunicorn.arquillian;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

class LocaleEncodingsTest {

    @Test
    void mappingsGoFirstInAnExistingWebXml() throws Exception {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "a.war").setWebXML(new StringAsset(
                "<web-app version=\"6.1\"><display-name>a</display-name></web-app>"));
        LocaleEncodings.apply("ja=Shift_JIS, de = ISO-8859-15", war);
        String xml = webXml(war);
        assertTrue(xml.startsWith("<web-app version=\"6.1\">\n<locale-encoding-mapping-list>"
                + "<locale-encoding-mapping><locale>ja</locale><encoding>Shift_JIS</encoding></locale-encoding-mapping>"
                + "<locale-encoding-mapping><locale>de</locale><encoding>ISO-8859-15</encoding></locale-encoding-mapping>"
                + "</locale-encoding-mapping-list><display-name>"), xml);
    }

    @Test
    void anArchiveWithoutWebXmlGetsOne() throws Exception {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "b.war");
        LocaleEncodings.apply("fr=UTF-8", war);
        assertTrue(webXml(war).contains("<locale>fr</locale><encoding>UTF-8</encoding>"));
    }

    static String webXml(WebArchive war) throws Exception {
        try (InputStream in = war.get("WEB-INF/web.xml").getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
