package dev.txcheck.types;

import com.github.javaparser.ast.expr.MethodCallExpr;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

  /** The JDK classes looked up by name (empty: not a JDK class); lookups that fail are slow. */
  private static final Map<String, Optional<Class<?>>> JDK = new ConcurrentHashMap<>();

  private final ProjectIndex index;
  private final Memo<String, Set<String>> lineages = new Memo<>();

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
    return lineages.computeIfAbsent(type, this::computeLineage);
  }

  private Set<String> computeLineage(String type) {
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
    return java.util.Collections.unmodifiableSet(lineage);
  }

  /**
   * True when the whole chain of supertypes is known, up to a JDK class: then a type not in it is
   * surely not a supertype.
   */
  public boolean isKnown(String type) {
    return isChecked(type).isPresent();
  }

  /** True when {@code type} is {@code supertype} or a subtype of it, as far as can be told. */
  public boolean isSubtype(String type, String supertype) {
    return lineage(type).contains(supertype);
  }

  /**
   * True for a class of the JDK itself ({@code java.sql.SQLException}, not {@code
   * javax.persistence}).
   */
  public static boolean isJdk(String type) {
    return jdkClass(type).isPresent();
  }

  /**
   * The return type of a call of a JDK class's method, when every method of that name and number of
   * arguments returns the same type; null otherwise.
   */
  public static String jdkReturnType(String owner, MethodCallExpr call) {
    Class<?> type = jdkClass(owner).orElse(null);
    if (type == null) {
      return null;
    }
    String result = null;
    for (java.lang.reflect.Method method : type.getMethods()) {
      int arguments = call.getArguments().size();
      boolean arityFits =
          method.getParameterCount() == arguments
              || (method.isVarArgs() && arguments >= method.getParameterCount() - 1);
      if (method.getName().equals(call.getNameAsString()) && arityFits) {
        String returned = method.getReturnType().getName();
        if (result != null && !result.equals(returned)) {
          return null;
        }
        result = returned;
      }
    }
    return result;
  }

  /**
   * The exceptions that the JDK methods of that name and number of arguments declare (of a
   * constructor, for the name {@code <init>}); null when the owner is no JDK class.
   */
  public static Set<String> jdkDeclaredExceptions(String owner, String name, int arguments) {
    Class<?> type = jdkClass(owner).orElse(null);
    if (type == null) {
      return null;
    }
    Set<String> result = new LinkedHashSet<>();
    java.lang.reflect.Executable[] candidates =
        name.equals("<init>") ? type.getConstructors() : type.getMethods();
    for (java.lang.reflect.Executable executable : candidates) {
      boolean arityFits =
          executable.getParameterCount() == arguments
              || (executable.isVarArgs() && arguments >= executable.getParameterCount() - 1);
      if ((name.equals("<init>") || executable.getName().equals(name)) && arityFits) {
        for (Class<?> thrown : executable.getExceptionTypes()) {
          result.add(thrown.getName());
        }
      }
    }
    return result;
  }

  /** A class of the running JDK, loaded without initialising it; JDK packages only. */
  private static Optional<Class<?>> jdkClass(String name) {
    return JDK.computeIfAbsent(name, ExceptionTypes::loadJdkClass);
  }

  private static Optional<Class<?>> loadJdkClass(String name) {
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
