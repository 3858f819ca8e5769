package io.jgunicorn.examples.hello;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends {@code destroyed ID PID} to the file named by the {@code HELLO_SESSION_LOG} environment
 * variable (one short append per line, so workers' lines never mix): tests count how often each
 * session was destroyed across all workers.
 */
@WebListener
public class SessionEvents implements HttpSessionListener {

    @Override
    public void sessionDestroyed(HttpSessionEvent se) {
        String log = System.getenv("HELLO_SESSION_LOG");
        String line = "destroyed " + se.getSession().getId() + " " + ProcessHandle.current().pid() + "\n";
        if (log == null) {
            se.getSession().getServletContext().log(line.strip());
            return;
        }
        try {
            Files.writeString(Path.of(log), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            se.getSession().getServletContext().log("cannot write " + log, e);
        }
    }
}
