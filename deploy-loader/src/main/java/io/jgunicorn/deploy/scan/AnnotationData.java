package io.jgunicorn.deploy.scan;

import java.util.List;
import java.util.Map;

/**
 * An annotation decoded from a class file into plain values, so the parsed class file can be
 * dropped. Values are String, Integer, Long, Boolean, Double, Float, Character, Byte, Short,
 * {@link AnnotationData} (nested), {@code List<Object>} (arrays), enum constants as their constant
 * name, and class literals as binary class names.
 */
public record AnnotationData(String type, Map<String, Object> values) {

    public AnnotationData {
        values = Map.copyOf(values);
    }

    public String string(String key, String fallback) {
        Object v = values.get(key);
        return v == null ? fallback : v.toString();
    }

    public boolean bool(String key, boolean fallback) {
        return values.get(key) instanceof Boolean b ? b : fallback;
    }

    public long number(String key, long fallback) {
        return values.get(key) instanceof Number n ? n.longValue() : fallback;
    }

    /** An array element as a list (a single value counts as a one-element list); empty when absent. */
    public List<Object> list(String key) {
        Object v = values.get(key);
        return v == null ? List.of() : v instanceof List<?> l ? List.copyOf(l) : List.of(v);
    }

    public List<String> strings(String key) {
        return list(key).stream().map(Object::toString).toList();
    }

    public List<AnnotationData> annotations(String key) {
        return list(key).stream().filter(AnnotationData.class::isInstance).map(AnnotationData.class::cast).toList();
    }

    public AnnotationData annotation(String key) {
        return values.get(key) instanceof AnnotationData a ? a : null;
    }
}
