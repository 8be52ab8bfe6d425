package dev.weir.samples.slowclient;

import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * Parses a file with the JDK's XML parser, reached by reflection: the tests compile inside the
 * {@code dev.weir.samples} module, which does not read {@code java.xml}, and the samples have no
 * other use for it. At run time the tests are on the class path, where every module is readable.
 */
final class Xml {
  private final Object node;

  private Xml(Object node) {
    this.node = node;
  }

  /** Parses {@code file} (doctypes refused) and returns its root element; throws if malformed. */
  static Xml parseRoot(Path file) throws Exception {
    Class<?> factoryClass = Class.forName("javax.xml.parsers.DocumentBuilderFactory");
    Object factory = factoryClass.getMethod("newInstance").invoke(null);
    factoryClass.getMethod("setNamespaceAware", boolean.class).invoke(factory, true);
    factoryClass.getMethod("setFeature", String.class, boolean.class)
        .invoke(factory, "http://apache.org/xml/features/disallow-doctype-decl", true);
    Object builder = factoryClass.getMethod("newDocumentBuilder").invoke(factory);
    Object document = builder.getClass().getMethod("parse", java.io.File.class)
        .invoke(builder, file.toFile());
    return new Xml(call(document, "getDocumentElement"));
  }

  String localName() throws Exception {
    return (String) call(node, "getLocalName");
  }

  String namespace() throws Exception {
    return (String) call(node, "getNamespaceURI");
  }

  String text() throws Exception {
    return (String) call(node, "getTextContent");
  }

  int count(String tag) throws Exception {
    Object list = call(node, "getElementsByTagName", tag);
    return (Integer) call(list, "getLength");
  }

  private static Object call(Object target, String name, Object... args) throws Exception {
    for (Class<?> type : target.getClass().getInterfaces().length == 0
        ? new Class<?>[] {target.getClass()} : allInterfaces(target.getClass())) {
      for (Method m : type.getMethods()) {
        if (m.getName().equals(name) && m.getParameterCount() == args.length) {
          return m.invoke(target, args);
        }
      }
    }
    throw new NoSuchMethodException(name);
  }

  /** Public interfaces first: the implementation classes are not accessible. */
  private static Class<?>[] allInterfaces(Class<?> c) {
    java.util.List<Class<?>> found = new java.util.ArrayList<>();
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      found.addAll(java.util.List.of(k.getInterfaces()));
    }
    return found.toArray(new Class<?>[0]);
  }
}
