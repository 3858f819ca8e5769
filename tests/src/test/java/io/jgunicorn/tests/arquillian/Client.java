package io.jgunicorn.tests.arquillian;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

/** The JDK's HTTP client, as an application's test would use it. */
final class Client {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Client() {}

    static HttpResponse<String> get(URL base, String path) throws IOException, InterruptedException {
        return HTTP.send(request(base, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder request(URL base, String path) {
        return HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).timeout(Duration.ofSeconds(120));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }
}
