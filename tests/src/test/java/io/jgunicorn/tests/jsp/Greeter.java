package io.jgunicorn.tests.jsp;

/** A bean JspTest copies into its WAR's WEB-INF/classes, for pages that import and use application classes. */
public class Greeter {

    private String name = "nobody";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public static String greet(String who) {
        return "hello " + who;
    }
}
