package dev.txcheck.types;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an exception type is checked, told by the analysed sources' own hierarchy, the classpath
 * and the catalog's {@code supertype} lines (through the {@link ProjectIndex}), and by reflection
 * for the JDK's own types. Unknown stays unknown: a rule then stays quiet.
 */
public final class ExceptionTypes {
  private static final String THROWABLE = "java.lang.Throwable";
  private static final String EXCEPTION = "java.lang.Exception";
  private static final String RUNTIME = "java.lang.RuntimeException";
  private static final String ERROR = "java.lang.Error";

  private final ProjectIndex index;

  public ExceptionTypes(ProjectIndex index) {
    this.index = index;
  }

  /** True or false when known; empty when the type or one of its supertypes cannot be told. */
  public Optional<Boolean> isChecked(String type) {
    Set<String> lineage = new LinkedHashSet<>();
    lineage.add(type);
    lineage.addAll(index.supertypes(type));
    for (String t : lineage) {
      if (t.equals(RUNTIME) || t.equals(ERROR)) {
        return Optional.of(false);
      }
      Optional<Class<?>> jdk = jdkClass(t);
      if (jdk.isPresent() && Throwable.class.isAssignableFrom(jdk.get())) {
        Class<?> c = jdk.get();
        return Optional.of(
            !RuntimeException.class.isAssignableFrom(c) && !Error.class.isAssignableFrom(c));
      }
    }
    // Only the sources or the catalog speak: the chain must reach Exception or Throwable.
    boolean reachesTop = lineage.contains(EXCEPTION) || lineage.contains(THROWABLE);
    return reachesTop ? Optional.of(true) : Optional.empty();
  }

  /**
   * All known supertypes of a type and the type itself, including those the JDK tells by
   * reflection.
   */
  public Set<String> lineage(String type) {
    Set<String> lineage = new LinkedHashSet<>();
    lineage.add(type);
    for (String t : index.supertypes(type)) {
      lineage.add(t);
    }
    for (String t : Set.copyOf(lineage)) {
      jdkClass(t)
          .ifPresent(
              c -> {
                for (Class<?> s = c.getSuperclass(); s != null; s = s.getSuperclass()) {
                  lineage.add(s.getName());
                }
              });
    }
    return lineage;
  }

  /** True when {@code type} is {@code supertype} or a subtype of it, as far as can be told. */
  public boolean isSubtype(String type, String supertype) {
    return lineage(type).contains(supertype);
  }

  /** A class of the running JDK, loaded without initialising it; JDK packages only. */
  private static Optional<Class<?>> jdkClass(String name) {
    if (!name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("jdk.")) {
      return Optional.empty();
    }
    try {
      Class<?> c = Class.forName(name, false, ClassLoader.getPlatformClassLoader());
      return Optional.of(c);
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }
}
