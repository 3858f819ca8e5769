package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgunicorn.bridge.deployment.MultipartConfigDef;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.testkit.LambdaServlet;
import io.jgunicorn.bridge.testkit.TestApp;
import io.jgunicorn.container.testkit.RawHttp;
import io.jgunicorn.container.testkit.RawRequest;
import jakarta.servlet.http.Part;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartTest {

    private static final String BODY = """
            --XyZ\r
            Content-Disposition: form-data; name="title"\r
            \r
            caf\u00e9\r
            --XyZ\r
            Content-Disposition: form-data; name="upload"; filename="notes.txt"\r
            Content-Type: text/plain\r
            \r
            line one
            line two\r
            --XyZ--\r
            """;

    @TempDir
    Path temp;

    private RawRequest post(String target) {
        return RawRequest.of("POST", target).header("Content-Type", "multipart/form-data; boundary=XyZ")
                .body(BODY.getBytes(StandardCharsets.UTF_8));
    }

    private TestApp app(MultipartConfigDef config, LambdaServlet.Handler handler) {
        String key = LambdaServlet.register(handler);
        return TestApp.create().responseEncoding("UTF-8").requestEncoding("UTF-8")
                .servlet(new ServletDef("up", LambdaServlet.class.getName(), null, Map.of("handler", key), null, false, config, null, true), "/up");
    }

    @Test
    void partsAndFormFieldsAreAvailable() throws Exception {
        MultipartConfigDef config = new MultipartConfigDef(temp.toString(), -1, -1, 0);
        try (TestApp app = app(config, (req, resp) -> {
            Part upload = req.getPart("upload");
            String content = new String(upload.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            upload.write("saved.txt");
            resp.getWriter().print(req.getParts().size() + " " + req.getParameter("title") + " " + upload.getSubmittedFileName() + " "
                    + upload.getContentType() + " " + upload.getSize() + " [" + content + "] " + req.getPart("title").getSubmittedFileName());
        }).start()) {
            RawHttp.Response ex = app.send(post("/up"));
            assertEquals("2 café notes.txt text/plain 17 [line one\nline two] null", ex.text(), ex::toString);
            assertEquals("line one\nline two", Files.readString(temp.resolve("saved.txt")));
        }
    }

    @Test
    void sizeLimitsAndMissingConfigAreIllegalState() throws Exception {
        MultipartConfigDef tiny = new MultipartConfigDef(temp.toString(), 5, -1, 0);
        try (TestApp app = app(tiny, (req, resp) -> {
            try {
                req.getParts();
                resp.getWriter().print("accepted");
            } catch (IllegalStateException e) {
                resp.getWriter().print("refused");
            }
        }).start()) {
            assertEquals("refused", app.send(post("/up")).text());
        }
        try (TestApp app = app(null, (req, resp) -> {
            try {
                req.getParts();
            } catch (IllegalStateException e) {
                resp.getWriter().print("no config");
            }
        }).start()) {
            assertEquals("no config", app.send(post("/up")).text());
        }
    }
}
