package dev.txcheck.txapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The loaded catalog: immutable, shared by all workers. */
public final class ApiCatalog {
  private static final String BUNDLED = "catalog.txt";

  /** Open methods with shorter names do not reach the prefilter: see {@link #prefilterWords}. */
  private static final int MIN_OPEN_WORD = 8;

  private final Map<String, List<ApiMethod>> byName = new HashMap<>();
  private final List<ApiMethod> anyName = new ArrayList<>();
  private final List<ApiMethod> inTransaction = new ArrayList<>();
  private final Map<String, Set<String>> supertypes;
  private final Set<String> knownTypes = new TreeSet<>();
  private final Set<String> prefilterWords;
  private final Set<String> writerWords;

  private final Set<String> annotations;
  private final Set<String> harmless;
  private final Set<String> writeAnnotations;
  private final Set<String> commitFailures;
  private final Set<String> entryPoints;
  private final Map<String, Set<String>> failures;
  private final Set<String> interceptors;

  private ApiCatalog(
      List<ApiMethod> methods,
      Map<String, Set<String>> supertypes,
      Set<String> annotations,
      Set<String> writeAnnotations,
      Set<String> commitFailures,
      Set<String> harmless,
      Set<String> entryPoints,
      Map<String, Set<String>> failures,
      Set<String> interceptors) {
    this.supertypes = supertypes;
    this.entryPoints = Set.copyOf(entryPoints);
    // Annotations are written under wildcard imports too (import
    // org.springframework.web.bind.annotation.*).
    knownTypes.addAll(annotations);
    knownTypes.addAll(writeAnnotations);
    knownTypes.addAll(entryPoints);
    this.interceptors = Set.copyOf(interceptors);
    knownTypes.addAll(interceptors);
    this.failures = Map.copyOf(failures);
    failures.forEach(
        (owner, exceptions) -> {
          knownTypes.add(owner);
          knownTypes.addAll(exceptions);
        });
    this.annotations = Set.copyOf(annotations);
    this.writeAnnotations = Set.copyOf(writeAnnotations);
    this.commitFailures = Set.copyOf(commitFailures);
    knownTypes.addAll(commitFailures);
    this.harmless = Set.copyOf(harmless);
    knownTypes.addAll(harmless);
    for (ApiMethod method : methods) {
      if (method.has(Effect.RUNS_IN_TRANSACTION)) {
        inTransaction.add(method); // says what runs a declaration, not what a call does
        knownTypes.add(method.ownerName());
        continue;
      }
      if (method.name().equals(ApiMethod.ANY) || method.isPrefix()) {
        anyName.add(method);
      } else {
        byName.computeIfAbsent(method.name(), k -> new ArrayList<>()).add(method);
      }
      if (!method.anyOwner()) {
        knownTypes.add(method.ownerName());
      }
      if (method.returnType() != null) {
        knownTypes.add(method.returnType());
      }
    }
    supertypes.forEach(
        (sub, sups) -> {
          knownTypes.add(sub);
          knownTypes.addAll(sups);
        });
    this.prefilterWords = prefilterWords(methods);
    this.writerWords = writerWords(methods, supertypes);
  }

  /** The bundled catalog alone. */
  public static ApiCatalog bundled() {
    try {
      return load(List.of());
    } catch (CatalogException e) {
      throw new IllegalStateException("bundled catalog is broken: " + e.getMessage(), e);
    }
  }

  /** The bundled catalog plus the lines of the given files. */
  public static ApiCatalog load(List<Path> extraFiles) throws CatalogException {
    return load(extraFiles, List.of());
  }

  /** The bundled catalog plus the lines of the given files and of inline sources. */
  public static ApiCatalog load(List<Path> extraFiles, List<ApiLines> inline)
      throws CatalogException {
    Map<String, Set<String>> supertypes = new HashMap<>();
    Set<String> annotations = new TreeSet<>();
    Set<String> writeAnnotations = new TreeSet<>();
    CatalogParser parser = new CatalogParser(supertypes, annotations, writeAnnotations);
    parser.parse(bundledLines(), BUNDLED, 1);
    for (Path file : extraFiles) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CatalogException(file + ": cannot read the API file (" + e.getMessage() + ")");
      }
      parser.parse(lines, file.toString(), 1);
    }
    for (ApiLines lines : inline) {
      parser.parse(lines.lines(), lines.origin(), lines.firstLine());
    }
    return new ApiCatalog(
        parser.methods(),
        supertypes,
        annotations,
        writeAnnotations,
        parser.commitFailures(),
        parser.harmless(),
        parser.entryPoints(),
        parser.failures(),
        parser.interceptors());
  }

  /** The bundled catalog plus lines given inline. */
  public static ApiCatalog withLines(List<String> lines, String source) throws CatalogException {
    return load(List.of(), List.of(new ApiLines(source, 1, lines)));
  }

  private static List<String> bundledLines() {
    try (InputStream in = ApiCatalog.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BUNDLED);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines that may match a call of this name, before looking at the receiver and arguments. */
  public List<ApiMethod> candidates(String methodName) {
    List<ApiMethod> named = byName.getOrDefault(methodName, List.of());
    if (anyName.isEmpty()) {
      return named;
    }
    List<ApiMethod> all = new ArrayList<>(named);
    for (ApiMethod method : anyName) {
      if (method.matchesName(methodName)) {
        all.add(method);
      }
    }
    return all;
  }

  /**
   * The {@code runs-in-transaction} lines: methods whose implementations a framework runs in a
   * transaction it manages (a Spring Batch {@code Tasklet#execute}).
   */
  public List<ApiMethod> runInTransaction() {
    return inTransaction;
  }

  /**
   * Qualified names of the exceptions after which a session stays usable ({@code
   * NoResultException}): the failure they report changed nothing in the session.
   */
  public Set<String> harmlessExceptions() {
    return harmless;
  }

  /**
   * Qualified names of the annotations that mark a method a framework calls from outside the
   * application's code: a request handler, a scheduled job, a message listener. Nothing in the
   * sources calls such a method, and it runs in no transaction unless it declares one.
   */
  public Set<String> entryPointAnnotations() {
    return entryPoints;
  }

  /**
   * The exceptions (with their subtypes) that the catalogued calls on {@code owner} fail with: a
   * {@code JdbcTemplate} call with {@code DataAccessException}, an {@code EntityManager} call with
   * {@code PersistenceException}. Empty when the catalog does not say.
   */
  public Set<String> failuresOf(String owner) {
    return failures.getOrDefault(owner, Set.of());
  }

  /** Every exception type of the {@code fails} lines. */
  public Set<String> failureTypes() {
    Set<String> all = new TreeSet<>();
    failures.values().forEach(all::addAll);
    return all;
  }

  /**
   * Class annotations that make a class an interceptor (CDI's {@code @Interceptor}): a
   * transactional annotation on it is the interceptor's binding, and its own methods are not
   * intercepted.
   */
  public Set<String> interceptorAnnotations() {
    return interceptors;
  }

  /** Qualified names of the annotations that make a method or class transactional. */
  public Set<String> transactionalAnnotations() {
    return annotations;
  }

  /**
   * Exception types that a failed commit of a catalogued API throws, and their library supertypes
   * up to (not including) {@code RuntimeException} and {@code Exception}: a catch of one of them
   * handles the commit's failure.
   */
  public Set<String> commitFailures() {
    return commitFailures;
  }

  /**
   * Qualified names of the annotations that make a query method of a repository a write (Spring
   * Data's {@code @Modifying}).
   */
  public Set<String> writeAnnotations() {
    return writeAnnotations;
  }

  /** Direct library supertypes the catalog declares for a type. */
  public Set<String> supertypesOf(String type) {
    return supertypes.getOrDefault(type, Set.of());
  }

  /** Every type the catalog names; lets {@code import java.sql.*} resolve {@code Connection}. */
  public boolean knowsType(String qualifiedName) {
    return knownTypes.contains(qualifiedName);
  }

  /**
   * Lower-case words of which a file must contain at least one to possibly hold a transaction that
   * a rule can judge: every method that ends a transaction or runs a callback contains one of them,
   * and so does every declaration of a transactional proxy type the index must know.
   */
  public Set<String> prefilterWords() {
    return prefilterWords;
  }

  /**
   * Lower-case simple names of the types whose writes commit on their own (catalog {@code
   * autocommit}: {@code JdbcTemplate}, {@code BaseMapper}, {@code IService}) and of their library
   * subtypes ({@code ServiceImpl}): code that writes through them needs no transaction word, and
   * TX014 judges exactly the methods that have none.
   */
  public Set<String> writerWords() {
    return writerWords;
  }

  private static Set<String> writerWords(
      List<ApiMethod> methods, Map<String, Set<String>> supertypes) {
    Set<String> owners = new TreeSet<>();
    for (ApiMethod m : methods) {
      if (m.has(Effect.AUTOCOMMIT) && !m.anyOwner() && !m.annotatedOwner()) {
        owners.add(m.ownerName());
      }
    }
    Set<String> words = new TreeSet<>();
    owners.forEach(owner -> words.add(simpleName(owner).toLowerCase(Locale.ROOT)));
    supertypes.forEach(
        (sub, sups) -> {
          if (sups.stream().anyMatch(owners::contains)) {
            words.add(simpleName(sub).toLowerCase(Locale.ROOT));
          }
        });
    return Set.copyOf(words);
  }

  private static Set<String> prefilterWords(List<ApiMethod> methods) {
    Set<String> words = new TreeSet<>();
    words.add("transactional");
    for (ApiMethod m : methods) {
      boolean ends = m.has(Effect.COMMIT) || m.has(Effect.ROLLBACK) || m.has(Effect.ROLLBACK_ONLY);
      if (ends && !m.name().equals(ApiMethod.ANY) && !m.isPrefix()) {
        words.add(m.name().toLowerCase(Locale.ROOT));
      } else if (m.has(Effect.CALLBACK)) {
        // Callback method names can be generic (execute): the owner's simple name is what a file
        // mentions.
        String name = m.name().toLowerCase(Locale.ROOT);
        words.add(
            name.contains("transaction") ? name : simpleName(m.owner()).toLowerCase(Locale.ROOT));
      } else if (m.has(Effect.OPEN) && m.name().length() >= MIN_OPEN_WORD) {
        // A file that opens a connection or session may leak it without ever mentioning a
        // transaction. Short names (JDBI's open) would let nearly every file through.
        words.add(m.name().toLowerCase(Locale.ROOT));
      } else if (m.annotatedOwner()) {
        // The annotated interfaces (Feign clients) must reach the index, or calls on them resolve
        // to nothing.
        words.add(simpleName(m.ownerName()).toLowerCase(Locale.ROOT));
      } else if (m.has(Effect.PROXY) && !m.anyOwner()) {
        // Files declaring repositories must reach the index, so that calls on them count as data
        // work.
        words.add(simpleName(m.owner()).toLowerCase(Locale.ROOT));
      }
    }
    // A word containing a shorter word adds nothing to a substring search.
    Set<String> minimal = new TreeSet<>();
    for (String word : words) {
      boolean covered = words.stream().anyMatch(o -> !o.equals(word) && word.contains(o));
      if (!covered) {
        minimal.add(word);
      }
    }
    return Set.copyOf(minimal);
  }

  private static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
