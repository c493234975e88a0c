package dev.txcheck.types;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.txcheck.txapi.ApiCatalog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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

  /**
   * Supertypes, types described from skipped files, return types and heads are answers remembered
   * with what they read ({@link Memo}): the heads and trees of skipped files, the trees of parsed
   * ones.
   */
  private final Memo<String, Set<String>> supertypeClosure = new Memo<>();

  /** Built on first use; racing builds give equal maps. Under the key "", with its reads. */
  private final Memo<String, Map<String, List<String>>> subtypeIndex = new Memo<>();

  /** Types of the files read on demand, described once. */
  private final Memo<String, Optional<TypeInfo>> described = new Memo<>();

  private final Memo<String, Optional<String>> returnTypes = new Memo<>();

  /** Heads (annotations, supertypes) of types of the files read on demand. */
  private final Memo<String, Optional<TypeInfo>> headers = new Memo<>();

  /**
   * Resolvers are immutable once built, so one per file serves every worker. Keyed by path (or by
   * tree, for one without a path), never holding a tree: the trees come and go.
   */
  private final Map<Object, NameResolver> resolvers = new ConcurrentHashMap<>();

  /** What the parsed files say about names, by path. */
  private final Map<String, FileNames> fileNames;

  private final SourceUnits units;

  /** Package and first type name of each parsed file, by path: the order callers are listed in. */
  private final Map<String, String> sortKeys;

  private volatile List<String> parsedFiles;

  private ProjectIndex(
      Map<String, TypeInfo> types,
      ApiCatalog catalog,
      Classpath classpath,
      OnDemandSources onDemand,
      Map<String, FileNames> fileNames,
      Map<String, String> sortKeys,
      SourceUnits units) {
    this.sortKeys = sortKeys;
    this.types = types;
    this.catalog = catalog;
    this.classpath = classpath;
    this.onDemand = onDemand;
    this.fileNames = fileNames;
    this.units = units;
  }

  public static ProjectIndex empty(ApiCatalog catalog) {
    return new ProjectIndex(
        Map.of(),
        catalog,
        Classpath.NONE,
        OnDemandSources.NONE,
        Map.of(),
        Map.of(),
        SourceUnits.of(List.of()));
  }

  /** Indexes the given files, with no classpath. */
  public static ProjectIndex build(Collection<CompilationUnit> units, ApiCatalog catalog) {
    return build(units, catalog, Classpath.NONE);
  }

  /** Indexes the given files, kept in memory. */
  public static ProjectIndex build(
      Collection<CompilationUnit> units, ApiCatalog catalog, Classpath classpath) {
    return build(units, catalog, classpath, OnDemandSources.NONE);
  }

  /**
   * Indexes the given files, kept in memory; the other source files of the analysis ({@code
   * onDemand}) are known by name and read when their types are asked for.
   */
  public static ProjectIndex build(
      Collection<CompilationUnit> units,
      ApiCatalog catalog,
      Classpath classpath,
      OnDemandSources onDemand) {
    List<CompilationUnit> list = List.copyOf(units);
    List<FileFacts> files = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      files.add(FileFacts.of(SourceUnits.pathOrIndex(list.get(i), i), list.get(i)));
    }
    return build(files, catalog, classpath, onDemand, SourceUnits.of(list));
  }

  /**
   * Indexes the files from what their parse left ({@link FileFacts}); their trees, when a body is
   * needed, come from {@code units}. Names are resolved in two rounds: first every declared type is
   * registered, then the supertypes and annotations are resolved against that complete set (a
   * supertype may live in a later file).
   */
  public static ProjectIndex build(
      List<FileFacts> files,
      ApiCatalog catalog,
      Classpath classpath,
      OnDemandSources onDemand,
      SourceUnits units) {
    Map<String, FileFacts> declaringFile = new LinkedHashMap<>();
    Map<String, TypeFacts> declarations = new LinkedHashMap<>();
    Map<String, FileNames> fileNames = new HashMap<>();
    Map<String, String> sortKeys = new HashMap<>();
    for (FileFacts file : files) {
      fileNames.putIfAbsent(SourceUnits.normalized(file.path()), file.names());
      sortKeys.putIfAbsent(SourceUnits.normalized(file.path()), file.sortKey());
      for (TypeFacts type : file.types()) {
        if (declarations.putIfAbsent(type.name(), type) == null) {
          declaringFile.put(type.name(), file);
        }
      }
    }
    Map<String, TypeInfo> skeleton = new HashMap<>();
    declarations.forEach(
        (fqn, facts) ->
            skeleton.put(
                fqn,
                new TypeInfo(
                    fqn,
                    List.of(),
                    Set.of(),
                    Map.of(),
                    List.of(),
                    List.of(),
                    false,
                    false,
                    SourceUnits.normalized(declaringFile.get(fqn).path()),
                    units)));
    ProjectIndex names =
        new ProjectIndex(skeleton, catalog, classpath, onDemand, fileNames, sortKeys, units);
    // By name: whoever walks all types (implementations of an interface, the declarers of a
    // method name) sees them in the same order in every run.
    Map<String, TypeInfo> types = new LinkedHashMap<>();
    new TreeMap<>(declarations)
        .forEach(
            (fqn, facts) -> {
              String path = SourceUnits.normalized(declaringFile.get(fqn).path());
              types.put(fqn, describe(facts, names.names(path), path, units));
            });
    return new ProjectIndex(
        Collections.unmodifiableMap(types),
        catalog,
        classpath,
        onDemand,
        fileNames,
        sortKeys,
        units);
  }

  private static TypeInfo describe(
      TypeFacts facts, NameResolver resolver, String path, SourceUnits units) {
    List<String> supertypes = new ArrayList<>();
    for (String written : facts.supertypes()) {
      supertypes.add(resolver.resolve(written));
    }
    Set<String> annotations = new LinkedHashSet<>();
    for (String annotation : facts.annotations()) {
      annotations.add(resolver.resolve(annotation));
    }
    Map<String, String> fields = new HashMap<>();
    for (TypeFacts.Field field : facts.fields()) {
      fields.put(
          field.name(),
          field.resolve() && field.type() != null ? resolver.resolve(field.type()) : field.type());
    }
    String logger = LombokLoggers.loggerType(annotations);
    if (logger != null) {
      fields.putIfAbsent(LombokLoggers.FIELD, logger);
    }
    return new TypeInfo(
        facts.name(),
        List.copyOf(supertypes),
        Set.copyOf(annotations),
        Map.copyOf(fields),
        facts.methods(),
        facts.accessors(),
        facts.annotationType(),
        facts.isInterface(),
        path,
        units);
  }

  /** A type of a file read on demand, described from its declaration. */
  private TypeInfo describe(String qualifiedName, TypeDeclaration<?> declaration) {
    CompilationUnit cu = declaration.findCompilationUnit().orElseThrow();
    return describe(
        TypeFacts.of(qualifiedName, declaration), names(cu), SourceUnits.pathOf(cu), units);
  }

  /** The name resolver of a file, built once. */
  public NameResolver names(CompilationUnit cu) {
    String path = SourceUnits.pathOf(cu);
    Object key = path != null ? path : new SameNode(cu);
    NameResolver resolver = resolvers.get(key);
    if (resolver == null) {
      FileNames known = path == null ? null : fileNames.get(path);
      resolver = new NameResolver(known != null ? known : FileNames.of(cu), this, catalog);
      resolvers.putIfAbsent(key, resolver);
    }
    return resolver;
  }

  /** The name resolver of a parsed file, by its path. */
  public NameResolver names(String path) {
    String key = SourceUnits.normalized(path);
    NameResolver resolver = resolvers.get(key);
    if (resolver == null) {
      resolver = new NameResolver(fileNames.get(key), this, catalog);
      resolvers.putIfAbsent(key, resolver);
    }
    return resolver;
  }

  /**
   * The files that declare the indexed types, by package and first type name (then path): a stable
   * order that does not depend on how the files were found.
   */
  public List<String> parsedFiles() {
    List<String> files = parsedFiles;
    if (files == null) {
      Set<String> paths = new HashSet<>();
      types.values().forEach(type -> paths.add(type.path()));
      List<String> sorted = new ArrayList<>(paths);
      sorted.sort(
          Comparator.comparing((String path) -> sortKeys.getOrDefault(path, ""))
              .thenComparing(Comparator.naturalOrder()));
      files = List.copyOf(sorted);
      parsedFiles = files;
    }
    return files;
  }

  /** The trees of the analysed files, fetched (or parsed again) by path. */
  public SourceUnits units() {
    return units;
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
      Memo<String, Optional<TypeInfo>> cache,
      String qualifiedName,
      Function<String, TypeDeclaration<?>> read) {
    Optional<TypeInfo> known = cache.get(qualifiedName);
    if (known == null) {
      // Not a map's computeIfAbsent: describing resolves names, which may ask for another type.
      try (Reads.Frame frame = Reads.open()) {
        TypeDeclaration<?> declaration = read.apply(qualifiedName);
        known =
            Optional.ofNullable(declaration == null ? null : describe(qualifiedName, declaration));
        known = cache.putIfAbsent(qualifiedName, known, frame);
      }
    }
    return known.orElse(null);
  }

  /**
   * The parsed types that extend or implement {@code type}, directly or not, in name order: the
   * classes a call on an interface of the sources may run.
   */
  public List<String> subtypes(String type) {
    Map<String, List<String>> all =
        subtypeIndex.computeIfAbsent(
            "",
            k -> {
              Map<String, List<String>> built = new HashMap<>();
              List<String> names = new ArrayList<>(types.keySet());
              names.sort(null);
              for (String name : names) {
                for (String supertype : supertypes(name)) {
                  built.computeIfAbsent(supertype, s -> new ArrayList<>()).add(name);
                }
              }
              return built;
            });
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
    // Not the type described from its whole file, even when at hand: what the supertypes depend
    // on is the file's head (see Reads).
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
      try (Reads.Frame frame = Reads.open()) {
        known = Optional.ofNullable(findReturnType(owner, name, arity));
        known = returnTypes.putIfAbsent(key, known, frame);
      }
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
      for (var method : Members.methodsNamed(info.declaration(), name)) {
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
   * tell, in the order a method is looked up in: the classes nearest first, then the interfaces
   * nearest first. Callers take the first match ({@code super.execute()} is the superclass's
   * method, not its interface's), so the order must not vary from run to run, as a {@code
   * Set.copyOf} does.
   */
  public Set<String> supertypes(String type) {
    Set<String> cached = supertypeClosure.get(type);
    if (cached != null) {
      return cached;
    }
    try (Reads.Frame frame = Reads.open()) {
      Set<String> seen = new LinkedHashSet<>();
      Deque<String> work = new ArrayDeque<>(directSupertypes(type));
      while (!work.isEmpty()) {
        String next = work.removeFirst(); // breadth first: the nearest first
        if (seen.add(next)) {
          work.addAll(directSupertypes(next));
        }
      }
      Set<String> ordered = new LinkedHashSet<>();
      List<String> interfaces = new ArrayList<>();
      for (String supertype : seen) {
        TypeInfo info = headerType(supertype);
        if (info != null && info.isInterface()) {
          interfaces.add(supertype);
        } else {
          ordered.add(supertype);
        }
      }
      ordered.addAll(interfaces);
      Set<String> result = Collections.unmodifiableSet(ordered);
      supertypeClosure.put(type, result, frame);
      return result;
    }
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
