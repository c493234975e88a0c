package dev.txcheck.engine;

import dev.txcheck.types.FileFacts;
import dev.txcheck.types.Reads;
import dev.txcheck.types.SourceUnits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the incremental cache keeps of one analysis (see docs/decisions/incremental-cache.md): per
 * source file its bytes' digest, how the prefilter rounds treated it, what the index knows of it,
 * its findings and processing errors, and everything its check read; per type of the sources
 * whether its methods handle transactions (the prefilter's last round), with what that read.
 * Recorded by a full run, updated by an incremental one, written by {@link CacheFile}.
 *
 * <p>What a computation read ({@link Reads}) is kept as codes: {@code 3i} the tree of file {@code
 * i}, {@code 3i+1} its head, {@code 3n+2} the files whose text calls the name {@code n} of {@link
 * #names}, {@link #UNKNOWN} something else, which no run can tell unchanged.
 */
final class CacheState {
  static final int UNKNOWN = -1;

  /** How the prefilter rounds treated a file. */
  enum Role {
    /** Not read, not decoded or not parsed in the first round (a processing error). */
    ERROR,
    /** No round parsed it: read on demand only. */
    SKIPPED,
    /** Parsed in the first round: it mentions a transaction word. */
    MAIN,
    /** Parsed in the round for project annotations carrying {@code @Transactional}. */
    META,
    /** Parsed in a round for exception classes. */
    EXCEPTION,
    /** Parsed in the last round: it uses a project type whose methods handle transactions. */
    PLUMBING,
    /** Skipped by the first round, then not read or not parsed by a later one. */
    LATE_ERROR;

    boolean parsed() {
      return this == MAIN || this == META || this == EXCEPTION || this == PLUMBING;
    }

    /** Skipped by the first round: known to the skipped files with its package. */
    boolean skippedFirst() {
      return this == SKIPPED
          || this == META
          || this == EXCEPTION
          || this == PLUMBING
          || this == LATE_ERROR;
    }
  }

  /** One source file. Fields are written by one worker at a time. */
  static final class FileEntry {
    final String path;
    byte[] digest;
    Role role;

    /** Position among the parsed files, in the order the index took them; -1 when not parsed. */
    int order = -1;

    /** For a file the first round skipped: its package. */
    String pkg;

    /**
     * Digests of the tokens of its tree and of its head ({@code Parsing.Outcome#digest}), when this
     * or an earlier run parsed them; 0 when none did (then no one read them).
     */
    long tree;

    long head;

    /** For a parsed file: what its comments silence ({@code Suppressions#signature}). */
    String suppressions;

    /** The names its text calls ({@code name(}) and references after {@code ::} and blanks. */
    int[] calls = new int[0];

    int[] spaced = new int[0];

    /** For a parsed file: lines, facts, findings before fingerprints, what its check read. */
    long lines;

    FileFacts facts;
    List<FileChecker.Located> located = List.of();
    int[] reads;

    /** Its read or parse error, or the internal error of its check. */
    List<ProcessingError> errors = List.of();

    FileEntry(String path) {
      this.path = path;
    }
  }

  /**
   * Whether a type's methods handle transactions, and what finding out read.
   *
   * @param type the qualified name
   * @param file the index of its file
   * @param names what {@code HelperSummaries.namesIfHandlesTransactions} answered
   */
  record TypeEntry(String type, int file, Set<String> names, int[] reads) {}

  final List<FileEntry> files;
  private final Map<String, Integer> byPath = new HashMap<>();

  /** The store's key of each file (absolute, normal), to its index. */
  private final Map<String, Integer> byKey = new HashMap<>();

  final List<String> names;
  private final Map<String, Integer> nameIds = new ConcurrentHashMap<>();

  List<ProcessingError> classpathErrors = List.of();

  /** The project annotations that carry {@code @Transactional}: the second round's words. */
  Set<String> meta = Set.of();

  /** The names of the last round: project types whose methods handle transactions. */
  Set<String> plumbing = Set.of();

  final List<TypeEntry> types = new ArrayList<>();

  /** What the analysis read outside any file's check or type's summaries (nothing, normally). */
  int[] globalReads = new int[0];

  /**
   * @param paths the files as findings name them, in the analysis's order
   * @param names the names table of an earlier state, extended as needed
   */
  CacheState(List<String> paths, List<String> names) {
    this.files = new ArrayList<>(paths.size());
    for (String path : paths) {
      byPath.put(path, files.size());
      byKey.put(SourceUnits.normalized(path), files.size());
      files.add(new FileEntry(path));
    }
    this.names = new ArrayList<>(names);
    for (int i = 0; i < names.size(); i++) {
      nameIds.put(names.get(i), i);
    }
  }

  FileEntry file(String path) {
    Integer index = byPath.get(path);
    return index == null ? null : files.get(index);
  }

  /** The index of a file by its path as findings name it, or -1. */
  int indexOf(String path) {
    Integer index = byPath.get(path);
    return index == null ? -1 : index;
  }

  /** The id of a name, added when new. */
  int nameId(String name) {
    Integer id = nameIds.get(name);
    if (id != null) {
      return id;
    }
    synchronized (names) {
      id = nameIds.get(name);
      if (id == null) {
        id = names.size();
        names.add(name);
        nameIds.put(name, id);
      }
      return id;
    }
  }

  /** The ids of the names, sorted. */
  int[] nameIds(Collection<String> set) {
    int[] ids = new int[set.size()];
    int i = 0;
    for (String name : set) {
      ids[i++] = nameId(name);
    }
    Arrays.sort(ids);
    return ids;
  }

  /** The codes of what a frame read, sorted. */
  int[] encode(Collection<String> keys) {
    int[] codes = new int[keys.size()];
    int i = 0;
    for (String key : keys) {
      codes[i++] = code(key);
    }
    Arrays.sort(codes);
    return codes;
  }

  private int code(String key) {
    String name = Reads.calledName(key);
    if (name != null) {
      return 3 * nameId(name) + 2;
    }
    String head = Reads.headPath(key);
    Integer file = byKey.get(head != null ? head : key);
    if (file == null) {
      return UNKNOWN;
    }
    return 3 * file + (head != null ? 1 : 0);
  }

  static int fileCode(int file) {
    return 3 * file;
  }

  static int headCode(int file) {
    return 3 * file + 1;
  }

  int calledCode(String name) {
    return 3 * nameId(name) + 2;
  }

  /** True when the codes hold one of the sorted {@code changed} codes, or an unknown read. */
  static boolean touches(int[] reads, int[] changed) {
    if (reads == null) {
      return true;
    }
    for (int code : reads) {
      if (code == UNKNOWN || Arrays.binarySearch(changed, code) >= 0) {
        return true;
      }
    }
    return false;
  }

  int parsedCount() {
    int n = 0;
    for (FileEntry entry : files) {
      n += entry.role != null && entry.role.parsed() ? 1 : 0;
    }
    return n;
  }

  long parsedLines() {
    long n = 0;
    for (FileEntry entry : files) {
      n += entry.role != null && entry.role.parsed() ? entry.lines : 0;
    }
    return n;
  }
}
