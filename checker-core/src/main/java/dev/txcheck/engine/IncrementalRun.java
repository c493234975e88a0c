package dev.txcheck.engine;

import dev.txcheck.rules.Rule;
import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.txflow.HelperSummaries;
import dev.txcheck.txflow.ProxySemantics;
import dev.txcheck.types.FileFacts;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.Reads;
import dev.txcheck.types.TypeInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * An analysis with the incremental cache (see docs/decisions/incremental-cache.md). The cache is
 * used only when its key (version, configuration, catalog, classpath: {@link CacheKey}) is this
 * run's and the same files are analysed. Then, when no file's bytes changed, its findings and
 * errors are the result, and nothing is parsed. When some changed, and each changed file keeps its
 * facts (what the index knows of it), the prefilter's decisions and its package, the changed files
 * and every file whose check read one of them (or a name whose callers changed) are checked again,
 * the rest reused. Anything else, or any doubt, is a full analysis; every run but the unchanged one
 * writes the cache again.
 */
final class IncrementalRun {
  private final AnalysisRequest request;
  private final ApiCatalog catalog;
  private final List<Path> files;
  private final List<ProcessingError> collectErrors;
  private final Analyzer.Progress progress;
  private final long treeBudget;
  private final Path cacheFile;
  private final List<String> paths = new ArrayList<>();

  IncrementalRun(
      AnalysisRequest request,
      ApiCatalog catalog,
      List<Path> files,
      List<ProcessingError> collectErrors,
      Analyzer.Progress progress,
      long treeBudget,
      Path cacheFile) {
    this.request = request;
    this.catalog = catalog;
    this.files = files;
    this.collectErrors = List.copyOf(collectErrors);
    this.progress = progress;
    this.treeBudget = treeBudget;
    this.cacheFile = cacheFile;
    files.forEach(file -> paths.add(SourceFiles.display(file, request.baseDirectory())));
  }

  /** Why the cache cannot serve this run incrementally: everything is analysed. */
  private static final class Fallback extends Exception {
    Fallback(String reason) {
      super(reason, null, false, false);
    }
  }

  AnalysisResult run() {
    List<Rule> rules = Session.rules(request);
    ProxySemantics semantics = request.effectiveProxySemantics();
    byte[] key;
    try {
      key = CacheKey.of(request, rules, semantics);
    } catch (IOException | RuntimeException e) {
      return full(null, null, null, "cannot compute the cache's key: " + e.getMessage(), false);
    }
    trace("key");
    byte[][] digests = digests();
    trace("digests");
    String warning = null;
    String reason = null;
    CacheFile.Bytes bytes = null;
    CacheState cached = null;
    try {
      bytes = CacheFile.load(cacheFile);
      if (bytes != null) {
        if (CacheFile.matches(bytes, key)) {
          cached = CacheFile.read(bytes, false);
          trace("cache read");
        } else {
          reason = "tx-check's version, the configuration, the catalog or the classpath changed";
        }
      }
    } catch (IOException | RuntimeException e) {
      warning = "ignoring the cache file " + cacheFile + ": " + oneLine(e);
      bytes = null;
    }
    if (cached != null) {
      List<Integer> changed = new ArrayList<>();
      if (!samePaths(cached)) {
        reason = "files were added or removed";
      } else {
        for (int i = 0; i < files.size(); i++) {
          byte[] was = cached.files.get(i).digest;
          if (digests[i] == null || was == null || !Arrays.equals(digests[i], was)) {
            changed.add(i);
          }
        }
        if (changed.isEmpty()) {
          return assemble(
              cached, new CacheUse(CacheUse.State.REUSED, null, 0, 0, 0, null), collectErrors);
        }
        try {
          CacheState whole = CacheFile.read(bytes, true);
          trace("whole cache read");
          return update(whole, changed, digests, key);
        } catch (RuntimeException e) {
          // A bug of the update must not cost a result: the full analysis gives it.
          reason = "the incremental update failed (please report): " + oneLine(e);
        } catch (CacheFile.CorruptException e) {
          warning = "ignoring the cache file " + cacheFile + ": " + oneLine(e);
        } catch (Fallback e) {
          reason = e.getMessage();
        }
      }
    }
    return full(key, digests, reason, warning, true);
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  private boolean samePaths(CacheState cached) {
    if (cached.files.size() != paths.size()) {
      return false;
    }
    for (int i = 0; i < paths.size(); i++) {
      if (!cached.files.get(i).path.equals(paths.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A digest of each file's bytes (null for one that cannot be read), in parallel: the length and
   * two different 32-bit CRCs (CRC-32 and CRC-32C), which the JDK computes with the processor's
   * instructions, ten times faster than SHA-1 in a fresh JVM. A change both CRCs miss has a chance
   * of about one in 2^64; they are no defence against collisions made on purpose, which a cache of
   * one's own sources need not fear.
   */
  private byte[][] digests() {
    byte[][] digests = new byte[files.size()][];
    IntStream.range(0, files.size())
        .parallel()
        .forEach(
            i -> {
              try {
                digests[i] = digest(Files.readAllBytes(files.get(i)));
              } catch (IOException e) {
                digests[i] = null;
              }
            });
    return digests;
  }

  static byte[] digest(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    CRC32C crcc = new CRC32C();
    crcc.update(bytes);
    return ByteBuffer.allocate(16)
        .putInt(bytes.length)
        .putInt(0)
        .putInt((int) crc.getValue())
        .putInt((int) crcc.getValue())
        .array();
  }

  /** Everything analysed and recorded; the cache written unless {@code write} is false (no key). */
  private AnalysisResult full(
      byte[] key, byte[][] digests, String reason, String warning, boolean write) {
    CacheState state = write ? new CacheState(paths, List.of()) : null;
    if (state != null) {
      for (int i = 0; i < files.size(); i++) {
        state.files.get(i).digest = digests[i];
      }
    }
    List<ProcessingError> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    errors.addAll(collectErrors);
    AnalysisResult result;
    CacheUse use;
    try (Session session =
        new Session(request, catalog, files, errors, progress, treeBudget, state)) {
      result = session.analyse();
      if (state != null) {
        warning = written(key, state, warning);
      }
      use =
          session.statistics(
              write ? CacheUse.State.WRITTEN : CacheUse.State.OFF, reason, files.size(), warning);
    }
    return new AnalysisResult(
        result.findings(),
        result.errors(),
        result.filesFound(),
        result.filesParsed(),
        result.linesParsed(),
        use);
  }

  /** Writes the cache; returns the warning to give (the one so far, or why it was not written). */
  private String written(byte[] key, CacheState state, String warning) {
    try {
      CacheFile.write(cacheFile, key, state);
      return warning;
    } catch (IOException | RuntimeException e) {
      String why = "cannot write the cache file " + cacheFile + ": " + oneLine(e);
      return warning == null ? why : warning + "; " + why;
    }
  }

  /** The result a state holds: its findings and errors, with the errors of collecting the files. */
  private AnalysisResult assemble(CacheState state, CacheUse use, List<ProcessingError> first) {
    List<FileChecker.Located> located = new ArrayList<>();
    List<ProcessingError> errors = new ArrayList<>(first);
    errors.addAll(state.classpathErrors);
    for (CacheState.FileEntry file : state.files) {
      located.addAll(file.located);
      errors.addAll(file.errors);
    }
    errors.sort(ProcessingError.ORDER);
    return new AnalysisResult(
        Session.fingerprinted(located),
        List.copyOf(errors),
        files.size(),
        state.parsedCount(),
        state.parsedLines(),
        use);
  }

  /**
   * Checks again the changed files and those whose checks read what changed, reusing the rest;
   * fails over to a full analysis (throws) when a change could reach further than the reads tell.
   */
  private AnalysisResult update(
      CacheState state, List<Integer> changed, byte[][] digests, byte[] key) throws Fallback {
    List<ProcessingError> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    errors.addAll(collectErrors);
    try (Session session =
            new Session(request, catalog, files, errors, progress, treeBudget, state);
        Reads.Frame global = Reads.record()) {
      Prefilter meta = state.meta.isEmpty() ? null : new Prefilter(state.meta);
      Set<Integer> codes = new TreeSet<>();
      Map<Integer, String> texts = new HashMap<>();
      Map<Integer, ParsedFile> reparsed = new ConcurrentHashMap<>();
      for (int i : changed) {
        CacheState.FileEntry entry = state.files.get(i);
        CacheState.Role role = entry.role;
        if (role == null || role == CacheState.Role.ERROR || role == CacheState.Role.LATE_ERROR) {
          throw new Fallback("a file that could not be read or parsed changed: " + entry.path);
        }
        String text;
        try {
          text = session.parsing.read(files.get(i));
        } catch (IOException e) {
          throw new Fallback("cannot read " + entry.path);
        }
        if (session.prefilter.mayMatter(text) != (role == CacheState.Role.MAIN)) {
          throw new Fallback("whether " + entry.path + " mentions a transaction word changed");
        }
        if (role != CacheState.Role.MAIN) {
          if (!Objects.equals(SkippedFiles.packageOf(text), entry.pkg)) {
            throw new Fallback("the package of " + entry.path + " changed");
          }
          if (meta != null && meta.mayMatter(text) != (role == CacheState.Role.META)) {
            throw new Fallback(
                "whether " + entry.path + " mentions a transactional annotation changed");
          }
        }
        int[] calls = state.nameIds(SkippedFiles.calledNames(text));
        int[] spaced = state.nameIds(Session.spacedOnly(text));
        for (int name : difference(entry.calls, calls)) {
          codes.add(3 * name + 2);
        }
        for (int name : difference(entry.spaced, spaced)) {
          codes.add(3 * name + 2);
        }
        entry.calls = calls;
        entry.spaced = spaced;
        texts.put(i, text);
      }

      // What the readers of a changed file saw of it: its tree and its head, parsed again on the
      // workers. Unchanged tokens (a comment, blanks that move nothing) are no change for them.
      Set<Integer> checkItself = new TreeSet<>();
      for (Reparsed again : reparse(session, changed, texts)) {
        int i = again.index();
        CacheState.FileEntry entry = state.files.get(i);
        if (again.file() != null) {
          if (!again.file().facts().equals(entry.facts)) {
            throw new Fallback(
                "the declarations of " + entry.path + " changed (types, members, annotations)");
          }
          String silenced = again.file().suppressions().signature();
          if (!silenced.equals(entry.suppressions)) {
            checkItself.add(i);
          }
          entry.suppressions = silenced;
          entry.lines = again.file().lines();
          reparsed.put(i, again.file());
        }
        if (entry.tree == 0 || again.tree() != entry.tree) {
          codes.add(CacheState.fileCode(i));
        }
        if (entry.role.skippedFirst() && (entry.head == 0 || again.head() != entry.head)) {
          codes.add(CacheState.headCode(i));
        }
        entry.tree = again.tree();
        entry.head = again.head();
      }
      trace("changed files parsed");
      int[] touched = codes.stream().mapToInt(Integer::intValue).toArray();
      if (CacheState.touches(state.globalReads, touched)) {
        throw new Fallback("the analysis read a changed file outside the checks");
      }

      // The index as the summaries' pass saw it (before the last round), from the facts.
      List<ParsedFile> before = new ArrayList<>();
      List<ParsedFile> all = new ArrayList<>();
      Map<Path, String> skipped = new HashMap<>();
      List<Integer> byOrder = new ArrayList<>();
      for (int i = 0; i < state.files.size(); i++) {
        CacheState.FileEntry entry = state.files.get(i);
        if (entry.role == null) {
          throw new Fallback("the cache lacks the role of " + entry.path);
        }
        if (entry.role.parsed()) {
          if (entry.facts == null || entry.order < 0) {
            throw new Fallback("the cache lacks the facts of " + entry.path);
          }
          byOrder.add(i);
        }
        if (entry.role.skippedFirst()) {
          skipped.put(files.get(i), entry.pkg);
        }
      }
      byOrder.sort(Comparator.comparingInt(i -> state.files.get(i).order));
      for (int i : byOrder) {
        CacheState.FileEntry entry = state.files.get(i);
        ParsedFile file = reparsed.get(i);
        if (file == null) {
          file = new ParsedFile(entry.path, null, entry.lines, entry.facts);
        }
        all.add(file);
        if (entry.role != CacheState.Role.PLUMBING) {
          before.add(file);
        }
      }
      ProjectIndex index = session.index(before, skipped);
      HelperSummaries summaries = new HelperSummaries(catalog, index);
      trace("index");

      // The types whose answer may change are asked again; the last round must find the same.
      List<CacheState.TypeEntry> kept = new ArrayList<>();
      List<TypeInfo> again = new ArrayList<>();
      Set<String> plumbing = new TreeSet<>();
      for (CacheState.TypeEntry type : state.types) {
        if (CacheState.touches(type.reads(), touched)) {
          TypeInfo info = index.type(type.type());
          if (info == null) {
            throw new Fallback("the index lacks " + type.type());
          }
          again.add(info);
        } else {
          kept.add(type);
          plumbing.addAll(type.names());
        }
      }
      state.types.clear();
      state.types.addAll(kept);
      trace("types asked again: " + again.size() + " of " + (kept.size() + again.size()));
      plumbing.addAll(session.typesThatHandleTransactions(summaries, again));
      trace("types answered");
      if (!plumbing.equals(state.plumbing)) {
        throw new Fallback("which types of the sources handle transactions changed");
      }
      Prefilter users = plumbing.isEmpty() ? null : Prefilter.identifiers(plumbing);
      // The last round asked only the types that skipped files named; a changed file that names
      // another one may use a type nobody asked about.
      Set<String> unasked = null;
      for (Map.Entry<Integer, String> text : texts.entrySet()) {
        CacheState.FileEntry entry = state.files.get(text.getKey());
        if (entry.role != CacheState.Role.SKIPPED && entry.role != CacheState.Role.PLUMBING) {
          continue;
        }
        if (unasked == null) {
          unasked = unaskedNames(index, state);
        }
        if (!Session.namesIn(text.getValue(), unasked).isEmpty()) {
          throw new Fallback(entry.path + " names a type whose methods were not summarised");
        }
        if ((users != null && users.mayMatter(text.getValue()))
            != (entry.role == CacheState.Role.PLUMBING)) {
          throw new Fallback(
              "whether " + entry.path + " uses a type that handles transactions changed");
        }
      }
      if (all.size() != before.size()) {
        index = session.index(all, skipped);
        summaries = new HelperSummaries(catalog, index);
      }

      // Check again what may find otherwise.
      List<Integer> recheck = new ArrayList<>();
      for (int i : byOrder) {
        CacheState.FileEntry entry = state.files.get(i);
        if (checkItself.contains(i) || CacheState.touches(entry.reads, touched)) {
          recheck.add(i);
        }
      }
      trace("files to check again: " + recheck.size());
      List<ParsedFile> toCheck = parseAll(session, recheck, Map.of(), reparsed);
      trace("parsed");
      session.checkAll(toCheck, session.checker(index, summaries));
      trace("checked");
      for (int i : changed) {
        state.files.get(i).digest = digests[i];
      }
      int[] globalNow = state.encode(global.reads());
      state.globalReads = union(state.globalReads, globalNow);
      session.noteDigests();
      String warning = written(key, state, null);
      trace("written");
      CacheUse use = session.statistics(CacheUse.State.UPDATED, null, changed.size(), warning);
      return assemble(state, use, collectErrors);
    }
  }

  /**
   * The names (see {@link Session#namesOf}) of the index's types that no last round asked about:
   * the cache records an answer for each type it asked.
   */
  private static Set<String> unaskedNames(ProjectIndex index, CacheState state) {
    Set<String> asked = new HashSet<>();
    state.types.forEach(type -> asked.add(type.type()));
    Set<String> unasked = new HashSet<>();
    for (TypeInfo type : index.types()) {
      if (!asked.contains(type.name())) {
        unasked.addAll(Session.namesOf(index, type));
      }
    }
    return unasked;
  }

  private static final long START = System.nanoTime();

  static void trace(String what) {
    if (Boolean.getBoolean("txcheck.cacheTrace")) {
      System.err.printf("tx-check: %.2f s %s%n", (System.nanoTime() - START) / 1e9, what);
    }
  }

  /**
   * The files, parsed on the workers (deep expressions need their stacks) unless parsed already,
   * their trees in the store; from the texts given, else read now.
   */
  private List<ParsedFile> parseAll(
      Session session,
      List<Integer> indices,
      Map<Integer, String> texts,
      Map<Integer, ParsedFile> parsed)
      throws Fallback {
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i : indices) {
      tasks.add(
          () -> {
            if (parsed.containsKey(i)) {
              return parsed.get(i);
            }
            String text = texts.get(i);
            return parse(session, i, text != null ? text : session.parsing.read(files.get(i)));
          });
    }
    List<ParsedFile> result = new ArrayList<>();
    List<Object> outcomes = session.onWorkers(tasks);
    for (int k = 0; k < indices.size(); k++) {
      Object outcome = outcomes.get(k);
      if (outcome instanceof Fallback fallback) {
        throw fallback;
      }
      if (!(outcome instanceof ParsedFile file)) {
        throw new Fallback("cannot parse " + paths.get(indices.get(k)) + " again: " + outcome);
      }
      result.add(file);
    }
    return result;
  }

  /**
   * A changed file parsed again: for a parsed one its file (facts, suppressions, tree in the
   * store), and the digests of its tree and head (0 for none or when no earlier run parsed them, so
   * that no one read them).
   */
  private record Reparsed(int index, ParsedFile file, long tree, long head) {}

  private List<Reparsed> reparse(Session session, List<Integer> changed, Map<Integer, String> texts)
      throws Fallback {
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i : changed) {
      CacheState.FileEntry entry = session.state.files.get(i);
      String text = texts.get(i);
      tasks.add(
          () -> {
            ParsedFile file = null;
            long tree = 0;
            if (entry.role.parsed()) {
              Parsing.Outcome outcome = session.parsing.parse(entry.path, text);
              file = parsed(session, entry.path, text, outcome);
              tree = outcome.digest();
            } else if (entry.tree != 0) {
              tree = session.parsing.parse(entry.path, text).digest();
            }
            long head =
                entry.role.skippedFirst() && entry.head != 0
                    ? session.headDigest(entry.path, text)
                    : 0;
            return new Reparsed(i, file, tree, head);
          });
    }
    List<Reparsed> result = new ArrayList<>();
    for (Object outcome : session.onWorkers(tasks)) {
      if (outcome instanceof Fallback fallback) {
        throw fallback;
      }
      if (!(outcome instanceof Reparsed again)) {
        throw new Fallback("cannot parse a changed file again: " + outcome);
      }
      result.add(again);
    }
    return result;
  }

  /** Parses a file whose parse succeeded before, into the store. */
  private static ParsedFile parse(Session session, int i, String text) throws Fallback {
    String path = session.state.files.get(i).path;
    return parsed(session, path, text, session.parsing.parse(path, text));
  }

  private static ParsedFile parsed(
      Session session, String path, String text, Parsing.Outcome outcome) throws Fallback {
    if (outcome.error() != null) {
      throw new Fallback(path + " does not parse any more");
    }
    long lines = SourceText.countLines(text);
    session.store.put(path, outcome.unit(), lines, outcome.digest());
    return new ParsedFile(path, outcome.suppressions(), lines, FileFacts.of(path, outcome.unit()));
  }

  /** The ids in one sorted array and not in the other, both ways. */
  private static List<Integer> difference(int[] a, int[] b) {
    List<Integer> result = new ArrayList<>();
    for (int x : a) {
      if (Arrays.binarySearch(b, x) < 0) {
        result.add(x);
      }
    }
    for (int x : b) {
      if (Arrays.binarySearch(a, x) < 0) {
        result.add(x);
      }
    }
    return result;
  }

  private static int[] union(int[] a, int[] b) {
    return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct().sorted().toArray();
  }
}
