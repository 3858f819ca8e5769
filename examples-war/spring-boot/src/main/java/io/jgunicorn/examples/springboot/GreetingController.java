package io.jgunicorn.examples.springboot;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** JSON in and out through Spring MVC's message converters. */
@RestController
public class GreetingController {

    /** The JSON body of {@code /api/greeting}. */
    public record Greeting(long id, String content) {}

    private final AtomicLong counter = new AtomicLong();

    @GetMapping("/api/greeting")
    public Greeting greeting(@RequestParam(name = "name", defaultValue = "World") String name) {
        return new Greeting(counter.incrementAndGet(), "Hello, " + name + "!");
    }

    @PostMapping("/api/echo")
    public Greeting echo(@RequestBody Greeting in) {
        return new Greeting(in.id() + 1, in.content().toUpperCase(java.util.Locale.ROOT));
    }
}
