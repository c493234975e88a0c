package dev.txcheck.types;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The trees of the analysis's source files, by path. The analysis does not keep every tree: one
 * that was let go is parsed again when asked for, so callers keep paths and names, not nodes,
 * beyond one file's check (see {@code engine.AstStore}).
 */
public interface SourceUnits {
  /** The tree of a file, or null when the file is unknown or cannot be parsed. */
  CompilationUnit unit(String path);

  /**
   * The tree of a file without pinning it to this thread's lease: for a scan that keeps none of its
   * nodes past the current step (a search for callers through many files), so that the files
   * scanned need not all stay in memory until the question is answered. A file this thread already
   * pinned gives its pinned tree.
   */
  default CompilationUnit scan(String path) {
    return unit(path);
  }

  /**
   * The type of that qualified name declared in the file, the first in the tree's order; null when
   * there is none.
   */
  TypeDeclaration<?> type(String path, String qualifiedName);

  /**
   * Keeps every tree this thread fetches until the lease closes, so that a file gives the same
   * nodes throughout one question. Leases nest as scopes: an inner one lets go of the trees only it
   * fetched, so whatever it computes must keep no node; close each one (try-with-resources).
   */
  default Lease lease() {
    return () -> {};
  }

  /** An open lease; closing it lets its trees go again. */
  interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * A value made from a tree (a per-file index, a classifier) that lives as long as the analysis
   * holds the tree, under {@code key}; made afresh for a tree it does not hold. Thread-safe; the
   * value itself need not be.
   */
  default <T> T attached(CompilationUnit unit, Object key, Function<CompilationUnit, T> make) {
    return make.apply(unit);
  }

  /**
   * The names a file calls ({@code name(}) or references ({@code ::name}), perhaps more: where to
   * look for the callers of a method without holding every tree.
   */
  default Set<String> calledNames(String path) {
    CompilationUnit unit = unit(path);
    Set<String> names = new HashSet<>();
    if (unit != null) {
      unit.findAll(MethodCallExpr.class).forEach(call -> names.add(call.getNameAsString()));
      unit.findAll(MethodReferenceExpr.class).forEach(ref -> names.add(ref.getIdentifier()));
    }
    return names;
  }

  /**
   * The path a tree was parsed from, absolute (JavaParser keeps it so), as {@link #normalized}
   * gives it; null for a tree without one.
   */
  static String pathOf(CompilationUnit unit) {
    return unit.getStorage().map(s -> normalized(s.getPath().toString())).orElse(null);
  }

  /** A path as absolute and normal, the one form keys use; cheap for one that already is. */
  static String normalized(String path) {
    if (path.startsWith("<")) {
      return path; // a tree without a path, known by its place in a list
    }
    boolean plain =
        path.startsWith("/")
            && !path.contains("//")
            && !path.contains("/./")
            && !path.contains("/../")
            && !path.endsWith("/.")
            && !path.endsWith("/..");
    return plain ? path : Path.of(path).toAbsolutePath().normalize().toString();
  }

  /**
   * Trees held in memory for good (tests and small tools); a tree without a path is known by its
   * position in the list.
   */
  static SourceUnits of(List<CompilationUnit> units) {
    Map<String, CompilationUnit> byPath = new HashMap<>();
    for (int i = 0; i < units.size(); i++) {
      byPath.putIfAbsent(pathOrIndex(units.get(i), i), units.get(i));
    }
    Map<CompilationUnit, Map<Object, Object>> attachments = new IdentityHashMap<>();
    return new SourceUnits() {
      @Override
      public CompilationUnit unit(String path) {
        return byPath.get(normalized(path));
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> T attached(CompilationUnit unit, Object key, Function<CompilationUnit, T> make) {
        synchronized (attachments) {
          Map<Object, Object> values = attachments.computeIfAbsent(unit, u -> new HashMap<>());
          Object value = values.get(key);
          if (value == null) {
            value = make.apply(unit);
            values.put(key, value);
          }
          return (T) value;
        }
      }

      @Override
      public TypeDeclaration<?> type(String path, String qualifiedName) {
        CompilationUnit unit = byPath.get(normalized(path));
        return unit == null ? null : firstType(unit, qualifiedName);
      }
    };
  }

  /** The path of the tree, or a name made of its position for a tree without one. */
  static String pathOrIndex(CompilationUnit unit, int index) {
    String path = pathOf(unit);
    return path != null ? path : "<unit " + index + ">";
  }

  /** The first type of that qualified name in the tree's order, as the index registers them. */
  static TypeDeclaration<?> firstType(CompilationUnit unit, String qualifiedName) {
    for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
      if (type.getFullyQualifiedName().map(qualifiedName::equals).orElse(false)) {
        return type;
      }
    }
    return null;
  }
}
