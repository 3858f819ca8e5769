package io.jgunicorn.deploy.scan;

import java.util.List;
import java.util.Set;

/**
 * What the loader needs to know about one class file, read without loading the class.
 *
 * @param name            binary name ("com.example.Foo$Bar")
 * @param superName       binary name of the superclass, null for java.lang.Object and interfaces' absent super
 * @param interfaces      binary names of directly implemented interfaces
 * @param annotationTypes binary names of the class-level annotations (runtime visible and invisible)
 * @param servletAnnotations decoded {@code jakarta.servlet.*} class annotations (the rest are kept only by name)
 * @param isInterfaceOrAbstract true for interfaces, abstract classes and annotations (never instantiated)
 * @param origin          the jar file name it came from, or null for {@code WEB-INF/classes}
 * @param usesJavaxServlet the class file mentions {@code javax/servlet/} anywhere in its constant pool
 * @param usesJakartaServlet the class file mentions {@code jakarta/servlet/}
 */
public record ClassInfo(
        String name,
        String superName,
        List<String> interfaces,
        Set<String> annotationTypes,
        List<AnnotationData> servletAnnotations,
        boolean isInterfaceOrAbstract,
        String origin,
        boolean usesJavaxServlet,
        boolean usesJakartaServlet) {

    public AnnotationData annotation(String type) {
        return servletAnnotations.stream().filter(a -> a.type().equals(type)).findFirst().orElse(null);
    }
}
