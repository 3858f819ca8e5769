package io.jgunicorn.bridge.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * Java serialization of session attributes for a shared store. Values are read back with the
 * webapp's class loader (falling back to the bridge's own, for values such as the logged-in user).
 */
final class AttributeCodec {

    private final ClassLoader webapp;

    AttributeCodec(ClassLoader webapp) {
        this.webapp = webapp;
    }

    /** @throws IllegalArgumentException naming the attribute and what in it cannot be serialized */
    byte[] write(String name, Object value) {
        if (!(value instanceof Serializable)) {
            throw notSerializable(name, value, value.getClass().getName() + " does not implement java.io.Serializable");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException | RuntimeException e) {
            throw notSerializable(name, value, e.toString());
        }
        return bytes.toByteArray();
    }

    private static IllegalArgumentException notSerializable(String name, Object value, String why) {
        return new IllegalArgumentException("session attribute '" + name + "' (" + value.getClass().getName()
                + ") cannot be stored: the session store is shared by worker processes and keeps only serializable"
                + " values: " + why);
    }

    Object read(String name, byte[] data) throws IOException {
        try (ObjectInputStream in = new WebappObjectInputStream(new ByteArrayInputStream(data), webapp)) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("session attribute '" + name + "': class not found: " + e.getMessage(), e);
        }
    }

    private static final class WebappObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        WebappObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc); // JDK and bridge classes (the logged-in user)
            }
        }
    }
}
