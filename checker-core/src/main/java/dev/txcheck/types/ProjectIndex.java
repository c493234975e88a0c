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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The types declared in all analysed sources, with their supertypes and annotations. Built once,
 * after parsing and before any rule runs; immutable afterwards and safe to share between workers.
 */
public final class ProjectIndex {
  private final Map<String, TypeInfo> types;
  private final ApiCatalog catalog;
  private final Classpath classpath;
  private final OnDemandSources onDemand;
  private final Map<String, Set<String>> supertypeClosure = new ConcurrentHashMap<>();

  /** Built on first use; racing builds give equal maps. */
  private volatile Map<String, List<String>> subtypeIndex;

  /** Types of the files read on demand, described once. */
  private final Map<String, Optional<TypeInfo>> described = new ConcurrentHashMap<>();

  private final Map<String, Optional<String>> returnTypes = new ConcurrentHashMap<>();

  /** Heads (annotations, supertypes) of types of the files read on demand. */
  private final Map<String, Optional<TypeInfo>> headers = new ConcurrentHashMap<>();

  /** Resolvers are immutable once built, so one per file serves every worker. */
  private final Map<CompilationUnit, NameResolver> resolvers =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  private ProjectIndex(
      Map<String, TypeInfo> types,
      ApiCatalog catalog,
      Classpath classpath,
      OnDemandSources onDemand) {
    this.types = types;
    this.catalog = catalog;
    this.classpath = classpath;
    this.onDemand = onDemand;
  }

  public static ProjectIndex empty(ApiCatalog catalog) {
    return new ProjectIndex(Map.of(), catalog, Classpath.NONE, OnDemandSources.NONE);
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
    return build(units, catalog, classpath, OnDemandSources.NONE);
  }

  /**
   * Indexes the given files; the other source files of the analysis ({@code onDemand}) are known by
   * name and read when their types are asked for.
   */
  public static ProjectIndex build(
      Collection<CompilationUnit> units,
      ApiCatalog catalog,
      Classpath classpath,
      OnDemandSources onDemand) {
    Map<String, TypeDeclaration<?>> declarations = new LinkedHashMap<>();
    for (CompilationUnit cu : units) {
      for (TypeDeclaration<?> type : cu.findAll(TypeDeclaration.class)) {
        type.getFullyQualifiedName().ifPresent(fqn -> declarations.putIfAbsent(fqn, type));
      }
    }
    Map<String, TypeInfo> skeleton = new HashMap<>();
    declarations.forEach(
        (fqn, decl) -> skeleton.put(fqn, new TypeInfo(fqn, List.of(), Set.of(), Map.of(), decl)));
    ProjectIndex names = new ProjectIndex(skeleton, catalog, classpath, onDemand);
    Map<String, TypeInfo> types = new HashMap<>();
    declarations.forEach(
        (fqn, decl) ->
            types.put(
                fqn, describe(fqn, decl, names.names(decl.findCompilationUnit().orElseThrow()))));
    return new ProjectIndex(Map.copyOf(types), catalog, classpath, onDemand);
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

  /** The type of that qualified name, or null when it is not declared in the parsed sources. */
  public TypeInfo type(String qualifiedName) {
    return types.get(qualifiedName);
  }

  /** The classpath the index reads library types from ({@link Classpath#NONE} without one). */
  public Classpath classpath() {
    return classpath;
  }

  /**
   * The type of that qualified name declared in any source file of the analysis: a parsed one, or
   * one the prefilter skipped, read now; null when no source file declares it.
   */
  public TypeInfo sourceType(String qualifiedName) {
    TypeInfo parsed = types.get(qualifiedName);
    if (parsed != null) {
      return parsed;
    }
    return readOnce(described, qualifiedName, onDemand::type);
  }

  /**
   * The type described from a skipped file, read the first time it is asked for and remembered in
   * {@code cache} (a miss too).
   */
  private TypeInfo readOnce(
      Map<String, Optional<TypeInfo>> cache,
      String qualifiedName,
      Function<String, TypeDeclaration<?>> read) {
    Optional<TypeInfo> known = cache.get(qualifiedName);
    if (known == null) {
      // Not computeIfAbsent: describing resolves names, which may ask for another type.
      TypeDeclaration<?> declaration = read.apply(qualifiedName);
      known =
          Optional.ofNullable(
              declaration == null
                  ? null
                  : describe(
                      qualifiedName,
                      declaration,
                      names(declaration.findCompilationUnit().orElseThrow())));
      cache.putIfAbsent(qualifiedName, known);
    }
    return known.orElse(null);
  }

  /**
   * The parsed types that extend or implement {@code type}, directly or not, in name order: the
   * classes a call on an interface of the sources may run.
   */
  public List<String> subtypes(String type) {
    Map<String, List<String>> all = subtypeIndex;
    if (all == null) {
      Map<String, List<String>> built = new HashMap<>();
      List<String> names = new ArrayList<>(types.keySet());
      names.sort(null);
      for (String name : names) {
        for (String supertype : supertypes(name)) {
          built.computeIfAbsent(supertype, k -> new ArrayList<>()).add(name);
        }
      }
      all = built;
      subtypeIndex = all;
    }
    return all.getOrDefault(type, List.of());
  }

  /**
   * The annotations and supertypes of a type of the sources, perhaps without its members and
   * fields: enough to tell its supertypes, and cheap for a file the prefilter skipped.
   */
  private TypeInfo headerType(String qualifiedName) {
    TypeInfo parsed = types.get(qualifiedName);
    if (parsed != null) {
      return parsed;
    }
    Optional<TypeInfo> full = described.get(qualifiedName);
    if (full != null) {
      return full.orElse(null);
    }
    return readOnce(headers, qualifiedName, onDemand::header);
  }

  /**
   * The return type that a method of {@code owner} or its supertypes declares, by name and arity,
   * among the parsed types (reading a skipped file for every chained call would cost more than the
   * chains are worth); null for a type variable, a primitive, or an unknown or ambiguous method.
   * Remembered: large classes are asked about the same methods again and again.
   */
  public String declaredReturnType(String owner, String name, int arity) {
    String key = owner + "#" + name + "/" + arity;
    Optional<String> known = returnTypes.get(key);
    if (known == null) {
      known = Optional.ofNullable(findReturnType(owner, name, arity));
      returnTypes.putIfAbsent(key, known);
    }
    return known.orElse(null);
  }

  private String findReturnType(String owner, String name, int arity) {
    List<String> lineage = new ArrayList<>();
    lineage.add(owner);
    lineage.addAll(supertypes(owner));
    for (String type : lineage) {
      TypeInfo info = types.get(type);
      if (info == null) {
        continue;
      }
      String found = null;
      for (var method : info.declaration().getMethodsByName(name)) {
        if (method.getParameters().size() != arity) {
          continue;
        }
        String returned =
            method.getType().isClassOrInterfaceType()
                ? TypeNames.of(method.getType(), names(method.findCompilationUnit().orElseThrow()))
                : null;
        if (returned == null
            || !returned.contains(".")
            || (found != null && !found.equals(returned))) {
          return null; // a type variable, a primitive, or overloads that disagree
        }
        found = returned;
      }
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The source files that the prefilter skipped, read on demand. */
  public OnDemandSources onDemand() {
    return onDemand;
  }

  /** True when the type is declared in the parsed sources or is on the classpath. */
  public boolean knows(String qualifiedName) {
    return types.containsKey(qualifiedName) || classpath.has(qualifiedName);
  }

  /**
   * True when the type is declared in the parsed sources, in a skipped source file named after it,
   * or on the classpath: a name written in the same package or under a wildcard import means it.
   */
  public boolean declares(String qualifiedName) {
    return knows(qualifiedName) || onDemand.declares(qualifiedName);
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
    TypeInfo info = headerType(type);
    if (info != null) {
      result.addAll(info.supertypes());
    } else {
      classpath.type(type).ifPresent(library -> result.addAll(library.supertypes()));
    }
    return result;
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
    TypeInfo info = sourceType(type);
    if (info != null) {
      return info.fields().get(field);
    }
    return classpath.type(type).map(library -> library.fields().get(field)).orElse(null);
  }
}
