package io.jgunicorn.examples.hello;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** A class of the webapp kept in the session: a shared store must read it back with the webapp's loader. */
public class Cart implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String owner;
    private final List<String> items = new ArrayList<>();

    public Cart(String owner) {
        this.owner = owner;
    }

    public String owner() { return owner; }
    public List<String> items() { return items; }
}
