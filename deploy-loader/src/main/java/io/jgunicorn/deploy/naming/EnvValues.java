package io.jgunicorn.deploy.naming;

import io.jgunicorn.container.spi.AppLoadException;

/** The values an env-entry or {@code <Environment>} may have (Servlet 6.1 / Jakarta EE env-entry-type). */
final class EnvValues {

    private EnvValues() {}

    static Object convert(String type, String value, String where) throws AppLoadException {
        String v = value == null ? "" : value;
        try {
            return switch (type) {
                case "java.lang.String" -> v;
                case "java.lang.Integer", "int" -> Integer.valueOf(v.trim());
                case "java.lang.Long", "long" -> Long.valueOf(v.trim());
                case "java.lang.Short", "short" -> Short.valueOf(v.trim());
                case "java.lang.Byte", "byte" -> Byte.valueOf(v.trim());
                case "java.lang.Boolean", "boolean" -> Boolean.valueOf(v.trim());
                case "java.lang.Double", "double" -> Double.valueOf(v.trim());
                case "java.lang.Float", "float" -> Float.valueOf(v.trim());
                case "java.lang.Character", "char" -> {
                    if (v.length() != 1) {
                        throw new IllegalArgumentException("a Character needs exactly one character, not \"" + v + "\"");
                    }
                    yield v.charAt(0);
                }
                default -> throw new AppLoadException(where + ": unsupported type " + type
                        + " (an env-entry is a String, Integer, Long, Short, Byte, Boolean, Double, Float or Character)");
            };
        } catch (IllegalArgumentException e) {
            throw new AppLoadException(where + ": value \"" + v + "\" is not a " + type + ": " + e.getMessage(), e);
        }
    }
}
