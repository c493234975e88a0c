package dev.txcheck.types;

import dev.txcheck.txapi.ApiCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the type names written in one file into qualified names, the way javac would without a
 * classpath.
 */
public final class NameResolver {
  private static final Set<String> JAVA_LANG =
      Set.of(
          "Object",
          "String",
          "Exception",
          "RuntimeException",
          "Throwable",
          "Error",
          "Runnable",
          "Thread",
          "Iterable",
          "AutoCloseable",
          "Integer",
          "Long",
          "Boolean",
          "IllegalStateException",
          "IllegalArgumentException",
          "InterruptedException",
          "Override",
          "SuppressWarnings",
          "Deprecated",
          "FunctionalInterface",
          "SafeVarargs");

  private final String packageName;
  private final Map<String, String> declared = new HashMap<>();
  private final Map<String, String> singleImports = new HashMap<>();
  private final Map<String, String> staticMembers = new HashMap<>();
  private final List<String> wildcardPackages = new ArrayList<>();
  private final List<String> staticWildcardTypes = new ArrayList<>();
  private final ProjectIndex index;
  private final ApiCatalog catalog;

  /** Prefer {@link ProjectIndex#names}, which builds one resolver per file. */
  NameResolver(FileNames file, ProjectIndex index, ApiCatalog catalog) {
    this.index = index;
    this.catalog = catalog;
    this.packageName = file.packageName();
    for (FileNames.Import imp : file.imports()) {
      String name = imp.name();
      if (imp.isStatic()) {
        if (imp.isAsterisk()) {
          staticWildcardTypes.add(name);
        } else {
          staticMembers.put(simpleName(name), name.substring(0, name.lastIndexOf('.')));
        }
      } else if (imp.isAsterisk()) {
        wildcardPackages.add(name);
      } else {
        singleImports.put(simpleName(name), name);
      }
    }
    declared.putAll(file.declared());
  }

  public String packageName() {
    return packageName;
  }

  /**
   * The qualified name for a type name as written ({@code Connection}, {@code java.sql.Connection},
   * {@code Outer.Inner}); the name itself when it cannot be resolved.
   */
  public String resolve(String written) {
    int dot = written.indexOf('.');
    if (dot > 0) {
      String first = written.substring(0, dot);
      String firstResolved = resolveSimple(first);
      return firstResolved.contains(".") ? firstResolved + written.substring(dot) : written;
    }
    return resolveSimple(written);
  }

  private String resolveSimple(String name) {
    String found = declared.get(name);
    if (found != null) {
      return found;
    }
    found = singleImports.get(name);
    if (found != null) {
      return found;
    }
    String samePackage = packageName.isEmpty() ? name : packageName + "." + name;
    // A class of the sources may sit in a library's package (a JdbcTemplate subclass in
    // org.springframework.jdbc.core) and name its library neighbours without an import.
    if (index.declares(samePackage) || catalog.knowsType(samePackage)) {
      return samePackage;
    }
    for (String pkg : wildcardPackages) {
      String candidate = pkg + "." + name;
      if (index.declares(candidate)
          || catalog.knowsType(candidate)
          || (pkg.startsWith("java.") && ExceptionTypes.isJdk(candidate))) { // import java.io.*
        return candidate;
      }
    }
    if (JAVA_LANG.contains(name)) {
      return "java.lang." + name;
    }
    return name;
  }

  /** The type a statically imported method comes from, or null. */
  public String staticImportOwner(String methodName) {
    String owner = staticMembers.get(methodName);
    if (owner != null) {
      return owner;
    }
    return staticWildcardTypes.size() == 1 ? staticWildcardTypes.get(0) : null;
  }

  static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
