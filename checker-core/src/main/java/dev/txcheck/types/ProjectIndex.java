package dev.txcheck.types;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.txcheck.txapi.ApiCatalog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The types declared in all analysed sources, with their supertypes and annotations. Built once,
 * after parsing and before any rule runs; immutable afterwards and safe to share between workers.
 */
public final class ProjectIndex {
  private final Map<String, TypeInfo> types;
  private final ApiCatalog catalog;
  private final Classpath classpath;
  private final Map<String, Set<String>> supertypeClosure = new ConcurrentHashMap<>();
  private volatile Map<String, List<TypeInfo>> subtypes;

  /** Resolvers are immutable once built, so one per file serves every worker. */
  private final Map<CompilationUnit, NameResolver> resolvers =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  private ProjectIndex(Map<String, TypeInfo> types, ApiCatalog catalog, Classpath classpath) {
    this.types = types;
    this.catalog = catalog;
    this.classpath = classpath;
  }

  public static ProjectIndex empty(ApiCatalog catalog) {
    return new ProjectIndex(Map.of(), catalog, Classpath.NONE);
  }

  /** Indexes the given files, with no classpath. */
  public static ProjectIndex build(Collection<CompilationUnit> units, ApiCatalog catalog) {
    return build(units, catalog, Classpath.NONE);
  }

  /**
   * Indexes the given files. Names are resolved in two rounds: first every declared type is
   * registered, then the supertypes and annotations are resolved against that complete set (a
   * supertype may live in a later file).
   */
  public static ProjectIndex build(
      Collection<CompilationUnit> units, ApiCatalog catalog, Classpath classpath) {
    Map<String, TypeDeclaration<?>> declarations = new LinkedHashMap<>();
    for (CompilationUnit cu : units) {
      for (TypeDeclaration<?> type : cu.findAll(TypeDeclaration.class)) {
        type.getFullyQualifiedName().ifPresent(fqn -> declarations.putIfAbsent(fqn, type));
      }
    }
    Map<String, TypeInfo> skeleton = new HashMap<>();
    declarations.forEach(
        (fqn, decl) -> skeleton.put(fqn, new TypeInfo(fqn, List.of(), Set.of(), Map.of(), decl)));
    ProjectIndex names = new ProjectIndex(skeleton, catalog, classpath);
    Map<String, TypeInfo> types = new HashMap<>();
    declarations.forEach(
        (fqn, decl) ->
            types.put(
                fqn, describe(fqn, decl, names.names(decl.findCompilationUnit().orElseThrow()))));
    return new ProjectIndex(Map.copyOf(types), catalog, classpath);
  }

  private static TypeInfo describe(String fqn, TypeDeclaration<?> decl, NameResolver resolver) {
    List<String> supertypes = new ArrayList<>();
    List<ClassOrInterfaceType> written = new ArrayList<>();
    if (decl instanceof ClassOrInterfaceDeclaration c) {
      written.addAll(c.getExtendedTypes());
      written.addAll(c.getImplementedTypes());
    } else if (decl instanceof EnumDeclaration e) {
      written.addAll(e.getImplementedTypes());
    } else if (decl instanceof RecordDeclaration r) {
      written.addAll(r.getImplementedTypes());
    }
    for (ClassOrInterfaceType type : written) {
      supertypes.add(resolver.resolve(type.getNameWithScope()));
    }
    Set<String> annotations = new LinkedHashSet<>();
    for (AnnotationExpr annotation : decl.getAnnotations()) {
      annotations.add(resolver.resolve(annotation.getNameAsString()));
    }
    Map<String, String> fields = new HashMap<>();
    for (FieldDeclaration field : decl.getFields()) {
      for (VariableDeclarator variable : field.getVariables()) {
        fields.put(variable.getNameAsString(), TypeNames.of(variable.getType(), resolver));
      }
    }
    return new TypeInfo(
        fqn, List.copyOf(supertypes), Set.copyOf(annotations), Map.copyOf(fields), decl);
  }

  /** The name resolver of a file, built once. */
  public NameResolver names(CompilationUnit cu) {
    NameResolver resolver = resolvers.get(cu);
    if (resolver == null) {
      resolver = new NameResolver(cu, this, catalog);
      resolvers.put(cu, resolver);
    }
    return resolver;
  }

  /** The type of that qualified name, or null when it is not declared in the analysed sources. */
  public TypeInfo type(String qualifiedName) {
    return types.get(qualifiedName);
  }

  /** True when the type is declared in the analysed sources or is on the classpath. */
  public boolean knows(String qualifiedName) {
    return types.containsKey(qualifiedName) || classpath.has(qualifiedName);
  }

  public Collection<TypeInfo> types() {
    return types.values();
  }

  /**
   * True when {@code type} is {@code supertype} or inherits from it, through the sources, the
   * classpath or the catalog.
   */
  public boolean isSubtype(String type, String supertype) {
    return type.equals(supertype) || supertypes(type).contains(supertype);
  }

  /**
   * True when the analysed sources declare {@code type}, or one of its supertypes, with the
   * annotation (a Feign client interface carries {@code @FeignClient}).
   */
  public boolean isAnnotated(String type, String annotation) {
    TypeInfo own = types.get(type);
    if (own != null && own.annotations().contains(annotation)) {
      return true;
    }
    for (String supertype : supertypes(type)) {
      TypeInfo info = types.get(supertype);
      if (info != null && info.annotations().contains(annotation)) {
        return true;
      }
    }
    return false;
  }

  /**
   * All supertypes of a type, transitively, as far as the sources, the classpath and the catalog
   * tell.
   */
  public Set<String> supertypes(String type) {
    Set<String> cached = supertypeClosure.get(type);
    if (cached != null) {
      return cached;
    }
    Set<String> seen = new HashSet<>();
    Deque<String> work = new ArrayDeque<>(directSupertypes(type));
    while (!work.isEmpty()) {
      String next = work.pop();
      if (seen.add(next)) {
        work.addAll(directSupertypes(next));
      }
    }
    Set<String> result = Set.copyOf(seen);
    supertypeClosure.put(type, result);
    return result;
  }

  private List<String> directSupertypes(String type) {
    List<String> result = new ArrayList<>(catalog.supertypesOf(type));
    TypeInfo info = types.get(type);
    if (info != null) {
      result.addAll(info.supertypes());
    } else {
      classpath.type(type).ifPresent(library -> result.addAll(library.supertypes()));
    }
    return result;
  }

  /**
   * The types of the analysed sources that extend or implement {@code type}, transitively (built on
   * first use: few questions need it).
   */
  public List<TypeInfo> subtypes(String type) {
    Map<String, List<TypeInfo>> built = subtypes;
    if (built == null) {
      Map<String, List<TypeInfo>> result = new HashMap<>();
      for (TypeInfo info : types.values()) {
        for (String supertype : supertypes(info.name())) {
          result.computeIfAbsent(supertype, k -> new ArrayList<>()).add(info);
        }
      }
      result.values().forEach(list -> list.sort(java.util.Comparator.comparing(TypeInfo::name)));
      built = Map.copyOf(result);
      subtypes = built;
    }
    return built.getOrDefault(type, List.of());
  }

  /** The declared type of a field of {@code type} or of one of its supertypes, or null. */
  public String fieldType(String type, String field) {
    String own = ownFieldType(type, field);
    return own != null ? own : inheritedFieldType(type, field);
  }

  /** The declared type of a field that a supertype of {@code type} declares, or null. */
  public String inheritedFieldType(String type, String field) {
    for (String supertype : supertypes(type)) {
      String found = ownFieldType(supertype, field);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private String ownFieldType(String type, String field) {
    TypeInfo info = types.get(type);
    if (info != null) {
      return info.fields().get(field);
    }
    return classpath.type(type).map(library -> library.fields().get(field)).orElse(null);
  }
}
