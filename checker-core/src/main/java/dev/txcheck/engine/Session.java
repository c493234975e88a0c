package dev.txcheck.engine;

import com.github.javaparser.ast.CompilationUnit;
import dev.txcheck.finding.Finding;
import dev.txcheck.finding.Fingerprints;
import dev.txcheck.flow.DefaultExceptionModel;
import dev.txcheck.rules.NonAtomicMultiWrite;
import dev.txcheck.rules.Rule;
import dev.txcheck.rules.Rules;
import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.txflow.HelperSummaries;
import dev.txcheck.types.Classpath;
import dev.txcheck.types.FileFacts;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.Reads;
import dev.txcheck.types.SourceUnits;
import dev.txcheck.types.TypeInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The machinery of one analysis: its files, parser, classpath, worker threads and tree store, the
 * prefilter rounds, the index, the pass over every type's summaries and the checks. A full analysis
 * ({@link #analyse}) runs them all; an incremental one ({@link IncrementalRun}) only some. When
 * given a {@link CacheState}, it records what the cache keeps: how each round treated each file,
 * and everything each file's check and each type's summaries read ({@link Reads}).
 */
final class Session implements AutoCloseable {
  /**
   * Deep expressions (long string concatenations, builder chains) need more stack than the default.
   */
  private static final long WORKER_STACK = 64L << 20;

  final AnalysisRequest request;
  final ApiCatalog catalog;
  final List<Path> files;
  final List<Rule> rules;
  final Parsing parsing;
  final Path base;
  final Classpath classpath;
  final AstStore store;
  final Prefilter prefilter;

  /** Every processing error of the run, those of collecting the files included. */
  final List<ProcessingError> errors;

  /** Null when nothing is recorded for a cache. */
  final CacheState state;

  private final ExecutorService pool;
  private final Analyzer.Progress progress;
  private final AtomicInteger checked = new AtomicInteger();

  Session(
      AnalysisRequest request,
      ApiCatalog catalog,
      List<Path> files,
      List<ProcessingError> errors,
      Analyzer.Progress progress,
      long treeBudget,
      CacheState state) {
    this.request = request;
    this.catalog = catalog;
    this.files = files;
    this.errors = errors;
    this.progress = progress;
    this.state = state;
    this.rules = rules(request);
    this.parsing = new Parsing(request.languageLevel(), request.encoding());
    this.base = request.baseDirectory();
    List<ProcessingError> classpathErrors = new ArrayList<>();
    this.classpath =
        Classpath.open(
            request.classpath(),
            (entry, problem) ->
                classpathErrors.add(new ProcessingError(entry.toString(), 0, 0, problem)));
    errors.addAll(classpathErrors);
    if (state != null) {
      state.classpathErrors = List.copyOf(classpathErrors);
    }
    this.pool = Executors.newFixedThreadPool(request.threads(), Session::worker);
    Map<String, Path> byPath = new HashMap<>();
    files.forEach(file -> byPath.put(SourceFiles.display(file, base), file));
    this.store =
        new AstStore(
            parsing,
            byPath,
            treeBudget > 0 ? treeBudget : AstStore.budgetFor(Runtime.getRuntime().maxMemory()));
    this.prefilter =
        request.prefilter() ? new Prefilter(prefilterWords(rules, catalog)) : Prefilter.EVERYTHING;
  }

  /**
   * The catalog's transaction words, and with TX014 the names of the self-committing writers: the
   * methods TX014 reports run in no transaction, so their files need not mention one.
   */
  static Set<String> prefilterWords(List<Rule> rules, ApiCatalog catalog) {
    if (rules.stream().noneMatch(NonAtomicMultiWrite.class::isInstance)) {
      return catalog.prefilterWords();
    }
    Set<String> words = new TreeSet<>(catalog.prefilterWords());
    words.addAll(catalog.writerWords());
    return words;
  }

  /** The rules the request runs. */
  static List<Rule> rules(AnalysisRequest request) {
    return Rules.ALL.stream()
        .filter(r -> request.runs(r.info().id(), r.info().onByDefault()))
        .toList();
  }

  @Override
  public void close() {
    pool.shutdownNow();
    classpath.close();
  }

  private static Thread worker(Runnable task) {
    Thread thread = new Thread(null, task, "tx-check-worker", WORKER_STACK);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Runs the tasks on the workers, whose stacks deep expressions need; the result of each, or the
   * exception it threw (errors such as running out of memory end the run).
   */
  List<Object> onWorkers(List<? extends Callable<?>> tasks) {
    List<Future<?>> futures = new ArrayList<>();
    for (Callable<?> task : tasks) {
      futures.add(pool.submit(task));
    }
    List<Object> results = new ArrayList<>();
    for (Future<?> future : futures) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Error fatal) {
          throw fatal;
        }
        results.add(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("analysis interrupted", e);
      }
    }
    return results;
  }

  /** How many files this run's rules ran on. */
  int checkedFiles() {
    return checked.get();
  }

  String display(Path file) {
    return SourceFiles.display(file, base);
  }

  /** Everything: the prefilter rounds, the index, the summaries' pass, the checks. */
  AnalysisResult analyse() {
    try (Reads.Frame global = state == null ? null : Reads.record()) {
      AtomicInteger done = new AtomicInteger();
      // Each skipped file with its package, so that its type is known by name and read on demand.
      Map<Path, String> skipped = new ConcurrentHashMap<>();
      List<ParsedFile> parsed =
          parseAll(files, prefilter, skipped, done, files.size(), CacheState.Role.MAIN);
      ProjectIndex index = index(parsed, skipped);

      // Files that mention only a project annotation carrying @Transactional (@TxService) passed
      // no word of the prefilter; now that the index knows those annotations, look at the skipped
      // files once more.
      Set<String> metaAnnotations = transactionalMetaAnnotations(index, catalog);
      if (!metaAnnotations.isEmpty()) {
        List<Path> again = new ArrayList<>(skipped.keySet());
        Collections.sort(again);
        parsed.addAll(
            parseAll(
                again,
                new Prefilter(metaAnnotations),
                new ConcurrentHashMap<>(),
                null,
                0,
                CacheState.Role.META));
        index = index(parsed, skipped);
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
                exceptionFiles,
                Prefilter.EVERYTHING,
                new ConcurrentHashMap<>(),
                null,
                0,
                CacheState.Role.EXCEPTION);
        parsed.addAll(more);
        newFiles = facts(more);
        index = index(parsed, skipped);
      }

      HelperSummaries summaries = new HelperSummaries(catalog, index);

      // A file whose only transaction word is a project type whose methods open, begin or end
      // transactions (new RequestContext(ds), Connections.open()) passed no word of the
      // prefilter; now that the summaries know those types, look at the skipped files once more.
      Set<String> parsedPaths = new HashSet<>();
      parsed.forEach(p -> parsedPaths.add(p.path()));
      List<Path> again = new ArrayList<>();
      for (Path file : skipped.keySet()) {
        if (!parsedPaths.contains(display(file))) {
          again.add(file);
        }
      }
      Collections.sort(again);
      Set<String> plumbing =
          typesThatHandleTransactions(summaries, typesNamedIn(index, again, parsing));
      if (!plumbing.isEmpty()) {
        List<ParsedFile> users =
            parseAll(
                again,
                Prefilter.identifiers(plumbing),
                new ConcurrentHashMap<>(),
                null,
                0,
                CacheState.Role.PLUMBING);
        if (!users.isEmpty()) {
          parsed.addAll(users);
          index = index(parsed, skipped);
          summaries = new HelperSummaries(catalog, index);
        }
      }
      List<FileChecker.Located> located = checkAll(parsed, checker(index, summaries));
      if (Boolean.getBoolean("txcheck.treeStatistics")) {
        System.err.println("tx-check: " + store.statistics());
      }
      if (state != null) {
        state.meta = Set.copyOf(metaAnnotations);
        state.plumbing = Set.copyOf(plumbing);
        for (int i = 0; i < parsed.size(); i++) {
          state.file(parsed.get(i).path()).order = i;
        }
        state.globalReads = state.encode(global.reads());
        noteDigests();
      }
      long lines = parsed.stream().mapToLong(ParsedFile::lines).sum();
      List<ProcessingError> sortedErrors = new ArrayList<>(errors);
      sortedErrors.sort(ProcessingError.ORDER);
      return new AnalysisResult(
          fingerprinted(located),
          List.copyOf(sortedErrors),
          files.size(),
          parsed.size(),
          lines,
          statistics(CacheUse.State.OFF, null, 0, null));
    }
  }

  /** This run's counts, with what became of the cache. */
  CacheUse statistics(CacheUse.State use, String reason, int changed, String warning) {
    return new CacheUse(use, reason, changed, checkedFiles(), parsing.parses(), warning);
  }

  FileChecker checker(ProjectIndex index, HelperSummaries summaries) {
    return new FileChecker(
        rules,
        request.severities(),
        catalog,
        index,
        summaries,
        new DefaultExceptionModel(),
        request.effectiveProxySemantics());
  }

  /**
   * Reads the files and parses those the prefilter lets through, in parallel; {@code role} is the
   * round's, for the cache. The first round ({@code MAIN}) also notes what the cache keeps of every
   * file's text: the names it calls, and for a skipped file its package and head.
   */
  List<ParsedFile> parseAll(
      List<Path> toRead,
      Prefilter filter,
      Map<Path, String> skipped,
      AtomicInteger done,
      int total,
      CacheState.Role role) {
    List<Future<ParsedFile>> futures = new ArrayList<>();
    for (Path file : toRead) {
      futures.add(
          pool.submit(
              () -> {
                try {
                  return parseOne(file, display(file), filter, skipped, role);
                } finally {
                  if (done != null) {
                    progress.filesDone(
                        Analyzer.Progress.Phase.READING, done.incrementAndGet(), total);
                  }
                }
              }));
    }
    List<ParsedFile> parsed = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      String path = display(toRead.get(i));
      ParsedFile result = await(futures.get(i), path, error -> failed(path, role, error));
      if (result != null) {
        parsed.add(result);
      }
    }
    return parsed;
  }

  private ParsedFile parseOne(
      Path file, String path, Prefilter filter, Map<Path, String> skipped, CacheState.Role role) {
    CacheState.FileEntry entry = state == null ? null : state.file(path);
    String text;
    try {
      text = parsing.read(file);
    } catch (SourceText.UndecodableException e) {
      failed(path, role, new ProcessingError(path, 0, 0, e.getMessage() + "; file skipped"));
      return null;
    } catch (IOException e) {
      failed(path, role, new ProcessingError(path, 0, 0, "cannot read: " + e.getMessage()));
      return null;
    }
    if (entry != null && role == CacheState.Role.MAIN) {
      entry.calls = state.nameIds(SkippedFiles.calledNames(text));
      entry.spaced = state.nameIds(spacedOnly(text));
    }
    if (!filter.mayMatter(text)) {
      String pkg = SkippedFiles.packageOf(text);
      skipped.put(file, pkg);
      if (entry != null && role == CacheState.Role.MAIN) {
        entry.role = CacheState.Role.SKIPPED;
        entry.pkg = pkg;
      }
      return null;
    }
    Parsing.Outcome outcome = parsing.parse(path, text);
    if (outcome.error() != null) {
      failed(path, role, outcome.error());
      return null;
    }
    long lines = SourceText.countLines(text);
    FileFacts facts = FileFacts.of(path, outcome.unit());
    store.put(path, outcome.unit(), lines, outcome.digest());
    if (entry != null) {
      entry.role = role;
      entry.facts = facts;
      entry.lines = lines;
      entry.suppressions = outcome.suppressions().signature();
    }
    return new ParsedFile(path, outcome.suppressions(), lines, facts);
  }

  /** A file that a round could not read or parse. */
  private void failed(String path, CacheState.Role role, ProcessingError error) {
    errors.add(error);
    CacheState.FileEntry entry = state == null ? null : state.file(path);
    if (entry != null) {
      entry.role =
          role == CacheState.Role.MAIN ? CacheState.Role.ERROR : CacheState.Role.LATE_ERROR;
      entry.errors = List.of(error);
    }
  }

  /** The names referenced after {@code ::} and blanks that the text does not also call. */
  static Set<String> spacedOnly(String text) {
    Set<String> spaced = new TreeSet<>(SkippedFiles.spacedReferences(text));
    spaced.removeAll(SkippedFiles.calledNames(text));
    return spaced;
  }

  /**
   * The digest of the tokens of a file's head as {@link SkippedFiles#header} parses it; 0 when it
   * has none or it does not parse.
   */
  long headDigest(String path, String text) {
    int brace = SkippedFiles.firstBodyBrace(text);
    return brace < 0 ? 0 : parsing.parse(path, text.substring(0, brace + 1) + "}").digest();
  }

  /**
   * Notes in the cache's state the digests of the trees and heads this run parsed, for the files
   * that have none yet (a file parsed in a round has its tree's already).
   */
  void noteDigests() {
    store.treeDigests().forEach((key, digest) -> note(key, digest, false));
    store.headDigests().forEach((key, digest) -> note(key, digest, true));
  }

  private void note(String key, long digest, boolean head) {
    String path = displayByKey().get(key);
    CacheState.FileEntry entry = path == null ? null : state.file(path);
    if (entry == null) {
      return;
    }
    if (head && entry.head == 0) {
      entry.head = digest;
    } else if (!head && entry.tree == 0) {
      entry.tree = digest;
    }
  }

  /**
   * Checks the files in path order, so that neighbours (a package's classes, which call each other)
   * find each other's trees still held; each worker pins what its file needs meanwhile. With a
   * cache, each check records what it read.
   */
  List<FileChecker.Located> checkAll(List<ParsedFile> parsed, FileChecker checker) {
    List<ParsedFile> ordered = new ArrayList<>(parsed);
    ordered.sort(Comparator.comparing(ParsedFile::path));
    List<Future<List<FileChecker.Located>>> futures = new ArrayList<>();
    AtomicInteger done = new AtomicInteger();
    for (ParsedFile file : ordered) {
      futures.add(
          pool.submit(
              () -> {
                CacheState.FileEntry entry = state == null ? null : state.file(file.path());
                try (Reads.Frame frame = entry == null ? null : Reads.record();
                    SourceUnits.Lease lease = store.lease()) {
                  CompilationUnit unit = store.unit(file.path());
                  if (unit == null) {
                    throw new IllegalStateException("cannot be read again");
                  }
                  List<FileChecker.Located> found = checker.check(file, unit);
                  if (entry != null) {
                    entry.located = List.copyOf(found);
                    entry.errors = List.of();
                    entry.reads = state.encode(frame.reads());
                  }
                  return found;
                } finally {
                  checked.incrementAndGet();
                  progress.filesDone(
                      Analyzer.Progress.Phase.CHECKING, done.incrementAndGet(), ordered.size());
                }
              }));
    }
    List<FileChecker.Located> all = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      String path = ordered.get(i).path();
      List<FileChecker.Located> found =
          await(
              futures.get(i),
              path,
              error -> {
                errors.add(error);
                CacheState.FileEntry entry = state == null ? null : state.file(path);
                if (entry != null) {
                  entry.located = List.of();
                  entry.errors = List.of(error);
                  entry.reads = null; // what it read is lost: checked again whatever changes
                }
              });
      if (found != null) {
        all.addAll(found);
      }
    }
    return all;
  }

  /** Where it failed, and the first frame of tx-check's own code on the way, for the report. */
  private static String where(StackTraceElement[] trace) {
    if (trace.length == 0) {
      return "";
    }
    String where = " at " + trace[0];
    for (StackTraceElement frame : trace) {
      if (frame.getClassName().startsWith("dev.txcheck.")) {
        return frame == trace[0] ? where : where + " from " + frame;
      }
    }
    return where;
  }

  /**
   * A bug of ours in one file must not cost the user the whole run: it becomes a processing error.
   */
  private static <T> T await(Future<T> future, String path, Consumer<ProcessingError> failure) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof VirtualMachineError fatal) {
        throw fatal; // out of memory is the run's end, not one file's problem
      }
      String where = where(cause.getStackTrace());
      failure.accept(
          new ProcessingError(
              path, 0, 0, "internal error, file skipped (please report): " + cause + where));
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("analysis interrupted", e);
    }
  }

  /**
   * The simple names a skipped file may use a type by when it handles transactions (see {@link
   * HelperSummaries#namesIfHandlesTransactions}): its own and its supertypes' of the sources.
   */
  static Set<String> namesOf(ProjectIndex index, TypeInfo type) {
    Set<String> names = new HashSet<>();
    names.add(type.simpleName());
    for (String supertype : index.supertypes(type.name())) {
      TypeInfo declared = index.sourceType(supertype);
      if (declared != null) {
        names.add(declared.simpleName());
      }
    }
    return names;
  }

  /**
   * The types of the index that one of the files names (in code, by {@link #namesOf}): only they
   * can make the last round parse a file, so only they need their methods summarised there. The
   * rest of the index (most of it) is summarised only as far as the checks call it.
   */
  static List<TypeInfo> typesNamedIn(ProjectIndex index, List<Path> files, Parsing parsing) {
    Map<String, List<TypeInfo>> byName = new HashMap<>();
    for (TypeInfo type : index.types()) {
      for (String name : namesOf(index, type)) {
        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(type);
      }
    }
    Set<String> named = new HashSet<>();
    for (Path file : files) {
      try {
        named.addAll(namesIn(parsing.read(file), byName.keySet()));
      } catch (IOException e) {
        // unreadable: the last round cannot parse it either
      }
    }
    Set<TypeInfo> types = new java.util.LinkedHashSet<>();
    named.forEach(name -> types.addAll(byName.get(name)));
    return List.copyOf(types);
  }

  /** Which of the names the text's code uses as identifiers. */
  static Set<String> namesIn(String text, Set<String> names) {
    Set<String> found = new HashSet<>();
    SourceWords.any(
        text,
        (code, start, end) -> {
          String word = code.substring(start, end);
          if (names.contains(word)) {
            found.add(word);
          }
          return false;
        });
    return found;
  }

  /**
   * The simple names of the types of the sources whose methods handle transactions: every method of
   * the given types summarised, on the workers, file by file so that each tree is fetched once.
   * Backwards: the store still holds the last files the parse read, and the checks then start where
   * this ends. With a cache, each type's answer is recorded with what it read.
   */
  Set<String> typesThatHandleTransactions(HelperSummaries summaries, Collection<TypeInfo> types) {
    TreeMap<String, List<TypeInfo>> byFile = new TreeMap<>();
    for (TypeInfo type : types) {
      byFile.computeIfAbsent(type.path(), k -> new ArrayList<>()).add(type);
    }
    List<Future<Set<String>>> futures = new ArrayList<>();
    for (List<TypeInfo> ofFile : byFile.descendingMap().values()) {
      ofFile.sort(Comparator.comparing(TypeInfo::name));
      futures.add(
          pool.submit(
              () -> {
                Set<String> names = new TreeSet<>();
                for (TypeInfo type : ofFile) {
                  try (Reads.Frame frame = state == null ? null : Reads.record()) {
                    Set<String> own = summaries.namesIfHandlesTransactions(type);
                    names.addAll(own);
                    if (frame != null) {
                      CacheState.TypeEntry entry =
                          new CacheState.TypeEntry(
                              type.name(),
                              state.indexOf(pathOf(type)),
                              Set.copyOf(own),
                              state.encode(frame.reads()));
                      synchronized (state.types) {
                        state.types.add(entry);
                      }
                    }
                  }
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

  /** The path findings name a type's file by: the index keeps it absolute. */
  private String pathOf(TypeInfo type) {
    return displayByKey().get(type.path());
  }

  private volatile Map<String, String> displayByKey;

  private Map<String, String> displayByKey() {
    Map<String, String> built = displayByKey;
    if (built == null) {
      built = new HashMap<>();
      for (Path file : files) {
        String display = display(file);
        built.put(SourceUnits.normalized(display), display);
      }
      displayByKey = built;
    }
    return built;
  }

  /** Indexes the parsed files; the skipped files that no later round parsed are read on demand. */
  ProjectIndex index(List<ParsedFile> parsed, Map<Path, String> skipped) {
    Set<String> parsedPaths = new HashSet<>();
    parsed.forEach(p -> parsedPaths.add(p.path()));
    Map<Path, String> unparsed = new HashMap<>();
    skipped.forEach(
        (file, pkg) -> {
          if (!parsedPaths.contains(display(file))) {
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
  static List<Finding> fingerprinted(List<FileChecker.Located> located) {
    List<FileChecker.Located> sorted = new ArrayList<>(located);
    sorted.sort((a, b) -> Finding.ORDER.compare(a.finding(), b.finding()));
    Map<String, Integer> occurrences = new HashMap<>();
    List<Finding> result = new ArrayList<>(sorted.size());
    for (FileChecker.Located l : sorted) {
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
