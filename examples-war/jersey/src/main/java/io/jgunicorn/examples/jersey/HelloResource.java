package io.jgunicorn.examples.jersey;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/** Text and JSON, as JAX-RS resources. */
@Path("/hello")
public class HelloResource {

    /** The JSON body of {@code /api/hello/json}. */
    public record Message(String greeting, String name) {}

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String text(@QueryParam("name") @DefaultValue("World") String name) {
        return "Hello, " + name + "!";
    }

    @GET
    @Path("/json/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Message json(@PathParam("name") String name) {
        return new Message("Hello", name);
    }

    @POST
    @Path("/json")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Message shout(Message in) {
        return new Message(in.greeting().toUpperCase(Locale.ROOT), in.name());
    }
}
