package io.jgunicorn.deploy.scan;

import java.lang.classfile.Annotation;
import java.lang.classfile.AnnotationElement;
import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.lang.constant.ClassDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns class file bytes into a {@link ClassInfo} with the JDK's {@code java.lang.classfile} API; nothing is loaded. */
final class ClassFileReader {

    private static final String SERVLET_ANNOTATIONS = "jakarta.servlet.";

    private ClassFileReader() {}

    static ClassInfo read(byte[] bytes, String origin, boolean checkJavax) {
        ClassModel cm = ClassFile.of().parse(bytes);
        String superName = cm.superclass().map(ClassFileReader::binaryName).orElse(null);
        List<String> interfaces = cm.interfaces().stream().map(ClassFileReader::binaryName).toList();
        Set<String> types = new LinkedHashSet<>();
        List<AnnotationData> servlet = new ArrayList<>();
        List<Annotation> annotations = new ArrayList<>();
        cm.findAttribute(Attributes.runtimeVisibleAnnotations()).ifPresent(a -> annotations.addAll(a.annotations()));
        cm.findAttribute(Attributes.runtimeInvisibleAnnotations()).ifPresent(a -> annotations.addAll(a.annotations()));
        for (Annotation a : annotations) {
            String type = descriptorToName(a.className().stringValue());
            types.add(type);
            if (type.startsWith(SERVLET_ANNOTATIONS)) {
                servlet.add(decode(a));
            }
        }
        boolean javax = false;
        boolean jakarta = false;
        if (checkJavax) {
            for (PoolEntry e : cm.constantPool()) {
                if (e instanceof Utf8Entry u) {
                    String s = u.stringValue();
                    javax |= s.contains("javax/servlet/");
                    jakarta |= s.contains("jakarta/servlet/");
                }
            }
        }
        boolean abstractish = cm.flags().has(AccessFlag.INTERFACE) || cm.flags().has(AccessFlag.ABSTRACT);
        return new ClassInfo(binaryName(cm.thisClass()), superName, interfaces, types, servlet, abstractish, origin, javax, jakarta);
    }

    static AnnotationData decode(Annotation a) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (AnnotationElement e : a.elements()) {
            values.put(e.name().stringValue(), value(e.value()));
        }
        return new AnnotationData(descriptorToName(a.className().stringValue()), values);
    }

    private static Object value(AnnotationValue v) {
        return switch (v) {
            case AnnotationValue.OfConstant c -> c.resolvedValue();
            case AnnotationValue.OfEnum e -> e.constantName().stringValue();
            case AnnotationValue.OfClass c -> descriptorToName(c.className().stringValue());
            case AnnotationValue.OfAnnotation n -> decode(n.annotation());
            case AnnotationValue.OfArray arr -> arr.values().stream().map(ClassFileReader::value).toList();
        };
    }

    private static String binaryName(ClassEntry e) {
        return e.asInternalName().replace('/', '.');
    }

    /** "Lcom/example/Foo;" to "com.example.Foo"; primitives and arrays keep their descriptor form. */
    static String descriptorToName(String descriptor) {
        ClassDesc d = ClassDesc.ofDescriptor(descriptor);
        if (!d.isClassOrInterface()) {
            return descriptor;
        }
        String s = d.descriptorString();
        return s.substring(1, s.length() - 1).replace('/', '.');
    }
}
