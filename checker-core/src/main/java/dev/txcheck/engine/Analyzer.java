package dev.txcheck.engine;

import com.github.javaparser.ast.CompilationUnit;
import dev.txcheck.finding.Finding;
import dev.txcheck.finding.Fingerprints;
import dev.txcheck.flow.DefaultExceptionModel;
import dev.txcheck.rules.Rule;
import dev.txcheck.rules.Rules;
import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.txapi.CatalogException;
import dev.txcheck.txflow.HelperSummaries;
import dev.txcheck.types.Classpath;
import dev.txcheck.types.FileFacts;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.SourceUnits;
import dev.txcheck.types.TypeInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one analysis: files, prefilter, parallel parse, index, rules, sorted findings. Thread-safe:
 * each call builds its own state.
 */
public final class Analyzer {
  /**
   * Deep expressions (long string concatenations, builder chains) need more stack than the default.
   */
  private static final long WORKER_STACK = 64L << 20;

  private final Progress progress;

  /** Source lines of trees held at once; 0 for a budget from the heap's size. */
  private final long treeBudget;

  public Analyzer() {
    this(Progress.NONE);
  }

  public Analyzer(Progress progress) {
    this(progress, 0);
  }

  private Analyzer(Progress progress, long treeBudget) {
    this.progress = progress;
    this.treeBudget = treeBudget;
  }

  /**
   * The same analysis holding at most {@code lines} source lines of trees at once (beyond the ones
   * in use), for tests and benchmarks: the findings must not depend on it.
   */
  public Analyzer withTreeBudget(long lines) {
    return new Analyzer(progress, lines);
  }

  /** Reports progress to a front end; called from worker threads. */
  public interface Progress {
    Progress NONE = (phase, done, total) -> {};

    /** The two long phases: reading and parsing every file, then checking the parsed ones. */
    enum Phase {
      READING,
      CHECKING
    }

    void filesDone(Phase phase, int done, int total);
  }

  /**
   * @throws CatalogException when an extra API file cannot be read; nothing else escapes:
   *     unreadable and unparsable files become processing errors in the result
   */
  public AnalysisResult run(AnalysisRequest request) throws CatalogException {
    ApiCatalog catalog = ApiCatalog.load(request.apiFiles(), request.apiLines());
    List<ProcessingError> errors = Collections.synchronizedList(new ArrayList<>());
    List<Path> files =
        SourceFiles.collect(
            request.paths(),
            request.includes(),
            request.excludes(),
            request.baseDirectory(),
            errors);
    List<Rule> rules =
        Rules.ALL.stream()
            .filter(r -> request.runs(r.info().id(), r.info().onByDefault()))
            .toList();
    Parsing parsing = new Parsing(request.languageLevel(), request.encoding());
    Path base = request.baseDirectory();
    Classpath classpath =
        Classpath.open(
            request.classpath(),
            (entry, problem) -> errors.add(new ProcessingError(entry.toString(), 0, 0, problem)));
    ExecutorService pool = Executors.newFixedThreadPool(request.threads(), this::worker);
    Map<String, Path> byPath = new HashMap<>();
    files.forEach(file -> byPath.put(SourceFiles.display(file, base), file));
    AstStore store =
        new AstStore(
            parsing,
            byPath,
            treeBudget > 0 ? treeBudget : AstStore.budgetFor(Runtime.getRuntime().maxMemory()));
    try (classpath) {
      AtomicInteger done = new AtomicInteger();
      Prefilter prefilter =
          request.prefilter() ? new Prefilter(catalog.prefilterWords()) : Prefilter.EVERYTHING;
      // Each skipped file with its package, so that its type is known by name and read on demand.
      Map<Path, String> skipped = new ConcurrentHashMap<>();
      List<ParsedFile> parsed =
          parseAll(
              pool, files, base, parsing, store, prefilter, skipped, errors, done, files.size());
      ProjectIndex index = index(parsed, catalog, classpath, skipped, parsing, base, store);

      // Files that mention only a project annotation carrying @Transactional (@TxService) passed no
      // word of the prefilter; now that the index knows those annotations, look at the skipped
      // files once more.
      Set<String> metaAnnotations = transactionalMetaAnnotations(index, catalog);
      if (!metaAnnotations.isEmpty()) {
        List<Path> again = new ArrayList<>(skipped.keySet());
        Collections.sort(again);
        parsed.addAll(
            parseAll(
                pool,
                again,
                base,
                parsing,
                store,
                new Prefilter(metaAnnotations),
                new ConcurrentHashMap<>(),
                errors,
                null,
                0));
        index = index(parsed, catalog, classpath, skipped, parsing, base, store);
      }

      // Exception classes in files without transaction words: their supertypes tell checked from
      // unchecked. A few rounds follow an exception's own supertypes of the sources.
      List<FileFacts> newFiles = null;
      for (int round = 0; round < 3; round++) {
        Set<String> parsedPaths = new HashSet<>();
        parsed.forEach(p -> parsedPaths.add(p.path()));
        List<Path> exceptionFiles =
            ExceptionSources.wanted(
                index, facts(parsed), newFiles, skipped.keySet(), parsedPaths, base);
        if (exceptionFiles.isEmpty()) {
          break;
        }
        List<ParsedFile> more =
            parseAll(
                pool,
                exceptionFiles,
                base,
                parsing,
                store,
                Prefilter.EVERYTHING,
                new ConcurrentHashMap<>(),
                errors,
                null,
                0);
        parsed.addAll(more);
        newFiles = facts(more);
        index = index(parsed, catalog, classpath, skipped, parsing, base, store);
      }

      HelperSummaries summaries = new HelperSummaries(catalog, index);

      // A file whose only transaction word is a project type whose methods open, begin or end
      // transactions (new RequestContext(ds), Connections.open()) passed no word of the prefilter;
      // now that the summaries know those types, look at the skipped files once more.
      Set<String> plumbing = typesThatHandleTransactions(pool, index, summaries);
      if (!plumbing.isEmpty()) {
        Set<String> parsedPaths = new HashSet<>();
        parsed.forEach(p -> parsedPaths.add(p.path()));
        List<Path> again = new ArrayList<>();
        for (Path file : skipped.keySet()) {
          if (!parsedPaths.contains(SourceFiles.display(file, base))) {
            again.add(file);
          }
        }
        Collections.sort(again);
        List<ParsedFile> users =
            parseAll(
                pool,
                again,
                base,
                parsing,
                store,
                Prefilter.identifiers(plumbing),
                new ConcurrentHashMap<>(),
                errors,
                null,
                0);
        if (!users.isEmpty()) {
          parsed.addAll(users);
          index = index(parsed, catalog, classpath, skipped, parsing, base, store);
          summaries = new HelperSummaries(catalog, index);
        }
      }
      FileChecker checker =
          new FileChecker(
              rules,
              request.severities(),
              catalog,
              index,
              summaries,
              new DefaultExceptionModel(),
              request.effectiveProxySemantics());
      List<FileChecker.Located> located = checkAll(pool, parsed, checker, store, errors);
      if (Boolean.getBoolean("txcheck.treeStatistics")) {
        System.err.println("tx-check: " + store.statistics());
      }
      long lines = parsed.stream().mapToLong(ParsedFile::lines).sum();
      List<ProcessingError> sortedErrors = new ArrayList<>(errors);
      sortedErrors.sort(ProcessingError.ORDER);
      return new AnalysisResult(
          fingerprinted(located), List.copyOf(sortedErrors), files.size(), parsed.size(), lines);
    } finally {
      pool.shutdownNow();
    }
  }

  private Thread worker(Runnable task) {
    Thread thread = new Thread(null, task, "tx-check-worker", WORKER_STACK);
    thread.setDaemon(true);
    return thread;
  }

  private List<ParsedFile> parseAll(
      ExecutorService pool,
      List<Path> files,
      Path base,
      Parsing parsing,
      AstStore store,
      Prefilter prefilter,
      Map<Path, String> skipped,
      List<ProcessingError> errors,
      AtomicInteger done,
      int total) {
    List<Future<ParsedFile>> futures = new ArrayList<>();
    for (Path file : files) {
      futures.add(
          pool.submit(
              () -> {
                try {
                  return parseOne(
                      file,
                      SourceFiles.display(file, base),
                      parsing,
                      store,
                      prefilter,
                      skipped,
                      errors);
                } finally {
                  if (done != null) {
                    progress.filesDone(Progress.Phase.READING, done.incrementAndGet(), total);
                  }
                }
              }));
    }
    List<ParsedFile> parsed = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      ParsedFile result = await(futures.get(i), SourceFiles.display(files.get(i), base), errors);
      if (result != null) {
        parsed.add(result);
      }
    }
    return parsed;
  }

  private static ParsedFile parseOne(
      Path file,
      String path,
      Parsing parsing,
      AstStore store,
      Prefilter prefilter,
      Map<Path, String> skipped,
      List<ProcessingError> errors) {
    String text;
    try {
      text = parsing.read(file);
    } catch (SourceText.UndecodableException e) {
      errors.add(new ProcessingError(path, 0, 0, e.getMessage() + "; file skipped"));
      return null;
    } catch (IOException e) {
      errors.add(new ProcessingError(path, 0, 0, "cannot read: " + e.getMessage()));
      return null;
    }
    if (!prefilter.mayMatter(text)) {
      skipped.put(file, SkippedFiles.packageOf(text));
      return null;
    }
    Parsing.Outcome outcome = parsing.parse(path, text);
    if (outcome.error() != null) {
      errors.add(outcome.error());
      return null;
    }
    long lines = SourceText.countLines(text);
    FileFacts facts = FileFacts.of(path, outcome.unit());
    store.put(path, outcome.unit(), lines);
    return new ParsedFile(path, outcome.suppressions(), lines, facts);
  }

  /**
   * Checks the files in path order, so that neighbours (a package's classes, which call each other)
   * find each other's trees still held; each worker pins what its file needs meanwhile.
   */
  private List<FileChecker.Located> checkAll(
      ExecutorService pool,
      List<ParsedFile> parsed,
      FileChecker checker,
      AstStore store,
      List<ProcessingError> errors) {
    List<ParsedFile> ordered = new ArrayList<>(parsed);
    ordered.sort(Comparator.comparing(ParsedFile::path));
    List<Future<List<FileChecker.Located>>> futures = new ArrayList<>();
    AtomicInteger done = new AtomicInteger();
    for (ParsedFile file : ordered) {
      futures.add(
          pool.submit(
              () -> {
                try (SourceUnits.Lease lease = store.lease()) {
                  CompilationUnit unit = store.unit(file.path());
                  if (unit == null) {
                    throw new IllegalStateException("cannot be read again");
                  }
                  return checker.check(file, unit);
                } finally {
                  progress.filesDone(
                      Progress.Phase.CHECKING, done.incrementAndGet(), ordered.size());
                }
              }));
    }
    List<FileChecker.Located> all = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      List<FileChecker.Located> found = await(futures.get(i), ordered.get(i).path(), errors);
      if (found != null) {
        all.addAll(found);
      }
    }
    return all;
  }

  /**
   * A bug of ours in one file must not cost the user the whole run: it becomes a processing error.
   */
  private static <T> T await(Future<T> future, String path, List<ProcessingError> errors) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof VirtualMachineError fatal) {
        throw fatal; // out of memory is the run's end, not one file's problem
      }
      String where = cause.getStackTrace().length > 0 ? " at " + cause.getStackTrace()[0] : "";
      errors.add(
          new ProcessingError(
              path, 0, 0, "internal error, file skipped (please report): " + cause + where));
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("analysis interrupted", e);
    }
  }

  /**
   * The simple names of the types of the sources whose methods handle transactions: every method
   * summarised, on the workers, file by file so that each tree is fetched once. Backwards: the
   * store still holds the last files the parse read, and the checks then start where this ends.
   */
  private static Set<String> typesThatHandleTransactions(
      ExecutorService pool, ProjectIndex index, HelperSummaries summaries) {
    TreeMap<String, List<TypeInfo>> byFile = new TreeMap<>();
    for (TypeInfo type : index.types()) {
      byFile.computeIfAbsent(type.path(), k -> new ArrayList<>()).add(type);
    }
    List<Future<Set<String>>> futures = new ArrayList<>();
    for (List<TypeInfo> types : byFile.descendingMap().values()) {
      types.sort(Comparator.comparing(TypeInfo::name));
      futures.add(
          pool.submit(
              () -> {
                Set<String> names = new TreeSet<>();
                for (TypeInfo type : types) {
                  names.addAll(summaries.namesIfHandlesTransactions(type));
                }
                return names;
              }));
    }
    Set<String> names = new TreeSet<>();
    for (Future<Set<String>> future : futures) {
      try {
        names.addAll(future.get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof VirtualMachineError fatal) {
          throw fatal;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("analysis interrupted", e);
      }
    }
    return names;
  }

  /** Indexes the parsed files; the skipped files that no later round parsed are read on demand. */
  private static ProjectIndex index(
      List<ParsedFile> parsed,
      ApiCatalog catalog,
      Classpath classpath,
      Map<Path, String> skipped,
      Parsing parsing,
      Path base,
      AstStore store) {
    Set<String> parsedPaths = new HashSet<>();
    parsed.forEach(p -> parsedPaths.add(p.path()));
    Map<Path, String> unparsed = new HashMap<>();
    skipped.forEach(
        (file, pkg) -> {
          if (!parsedPaths.contains(SourceFiles.display(file, base))) {
            unparsed.put(file, pkg);
          }
        });
    return ProjectIndex.build(
        facts(parsed), catalog, classpath, new SkippedFiles(unparsed, parsing, base, store), store);
  }

  private static List<FileFacts> facts(List<ParsedFile> parsed) {
    return parsed.stream().map(ParsedFile::facts).toList();
  }

  /** Simple names of the annotation types of the sources that carry a transactional annotation. */
  private static Set<String> transactionalMetaAnnotations(ProjectIndex index, ApiCatalog catalog) {
    Set<String> names = new TreeSet<>();
    for (TypeInfo type : index.types()) {
      if (!type.isAnnotationType()) {
        continue;
      }
      for (String meta : type.annotations()) {
        if (catalog.transactionalAnnotations().contains(meta)) {
          names.add(type.simpleName());
        }
      }
    }
    return names;
  }

  /**
   * Sorts, then fingerprints: identical code in one method is told apart by its occurrence, in
   * order.
   */
  private static List<Finding> fingerprinted(List<FileChecker.Located> located) {
    located.sort((a, b) -> Finding.ORDER.compare(a.finding(), b.finding()));
    Map<String, Integer> occurrences = new HashMap<>();
    List<Finding> result = new ArrayList<>(located.size());
    for (FileChecker.Located l : located) {
      Finding f = l.finding();
      String base =
          String.join("\n", f.ruleId(), f.file(), f.enclosing(), l.code().replaceAll("\\s+", " "));
      int occurrence = occurrences.merge(base, 1, Integer::sum) - 1;
      String fingerprint =
          Fingerprints.of(f.ruleId(), f.file(), f.enclosing(), l.code(), occurrence);
      result.add(
          new Finding(
              f.ruleId(),
              f.ruleName(),
              f.severity(),
              f.message(),
              f.file(),
              f.line(),
              f.column(),
              f.endLine(),
              f.endColumn(),
              f.enclosing(),
              fingerprint));
    }
    return List.copyOf(result);
  }
}
