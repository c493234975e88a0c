package dev.txcheck.engine;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.txcheck.types.Reads;
import dev.txcheck.types.SourceUnits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Owns the tree of every source file of one analysis, by path, within a budget of source lines: the
 * least recently used trees are let go and parsed again when asked for, so the heap grows with the
 * budget, not with the code base. A code base within the budget is parsed once.
 *
 * <p>A tree must not change under a question: the same file must give the same nodes while a worker
 * compares or remembers them. So every tree a thread fetches inside a {@link #lease} stays (pinned)
 * until the lease closes, and a long-lived cache keys by path and position, never by node.
 */
final class AstStore implements SourceUnits {
  /**
   * Heap a tree keeps per source line once its tokens are dropped (see {@link Parsing#dropTokens}):
   * 922 bytes on hibernate-core, whose javadoc makes many lines without nodes, but about 2 KB over
   * the whole developers' corpus (600 MB of live trees for 300,000 held lines): the larger one.
   */
  static final long BYTES_PER_LINE = 2048;

  /**
   * The share of the heap the trees may take: the rest is for the checks themselves (graphs,
   * dataflows), the summaries and the collector's headroom.
   */
  private static final double HEAP_SHARE = 0.30;

  private final Parsing parsing;
  private final long budget;
  private final Map<String, Path> files = new HashMap<>();

  /** In access order: the first entry is the least recently used. Guarded by {@code this}. */
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);

  private long held;
  private final Set<String> unparsable = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<Lease> leases = new ThreadLocal<>();
  private final AtomicLong parsedAgain = new AtomicLong();

  /**
   * Digests of the tokens of the trees and heads parsed, by key ({@link Parsing.Outcome#digest}):
   * the incremental cache keeps them, to tell whether a changed file changed for its readers.
   */
  private final Map<String, Long> treeDigests = new ConcurrentHashMap<>();

  private final Map<String, Long> headDigests = new ConcurrentHashMap<>();
  private final AtomicLong evicted = new AtomicLong();

  /**
   * @param files every source file of the analysis with its path as reported
   * @param budget how many source lines of trees to hold beyond the pinned ones
   */
  AstStore(Parsing parsing, Map<String, Path> files, long budget) {
    this.parsing = parsing;
    this.budget = budget;
    files.forEach((path, file) -> this.files.put(SourceUnits.normalized(path), file));
  }

  /** The budget in source lines for a heap of {@code maxMemory} bytes. */
  static long budgetFor(long maxMemory) {
    return (long) (maxMemory * HEAP_SHARE) / BYTES_PER_LINE;
  }

  private static final class Entry {
    final String path;
    final CompilationUnit unit;
    final long lines;
    int pins;
    final Map<Object, Object> attachments = new ConcurrentHashMap<>();
    private Map<String, TypeDeclaration<?>> types;

    Entry(String path, CompilationUnit unit, long lines) {
      this.path = path;
      this.unit = unit;
      this.lines = lines;
    }

    /** Built on first use: many trees are checked and never asked for by type name. */
    synchronized TypeDeclaration<?> type(String qualifiedName) {
      if (types == null) {
        types = new HashMap<>();
        for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
          type.getFullyQualifiedName().ifPresent(fqn -> types.putIfAbsent(fqn, type));
        }
      }
      return types.get(qualifiedName);
    }
  }

  /**
   * The trees this thread fetched since its outermost lease opened, pinned until the lease that
   * fetched them closes. Leases nest as scopes: an inner one (a helper's summary, computed on the
   * way) lets go of the trees it alone fetched, since what it returns holds no nodes; the trees of
   * the enclosing question stay.
   */
  final class Lease implements SourceUnits.Lease {
    private final Map<String, Entry> pinned = new HashMap<>();
    private final ArrayDeque<List<Entry>> frames = new ArrayDeque<>();

    @Override
    public void close() {
      List<Entry> frame = frames.pop();
      if (frames.isEmpty()) {
        leases.remove();
      }
      if (frame.isEmpty()) {
        return;
      }
      synchronized (AstStore.this) {
        for (Entry entry : frame) {
          pinned.remove(entry.path);
          entry.pins--;
          entries.get(entry.path); // most recently used now
        }
        evict();
      }
    }
  }

  /** Opens a lease on this thread, inside the one open already: close it when done. */
  @Override
  public Lease lease() {
    Lease lease = leases.get();
    if (lease == null) {
      lease = new Lease();
      leases.set(lease);
    }
    lease.frames.push(new ArrayList<>());
    return lease;
  }

  /** Takes a tree the analyzer just parsed, with the digest of its tokens. */
  void put(String path, CompilationUnit unit, long lines, long digest) {
    String key = SourceUnits.normalized(path);
    treeDigests.putIfAbsent(key, digest);
    synchronized (this) {
      if (!entries.containsKey(key)) {
        entries.put(key, new Entry(key, unit, lines));
        held += lines;
        evict();
      }
    }
  }

  @Override
  public CompilationUnit unit(String path) {
    String key = SourceUnits.normalized(path);
    Reads.file(key);
    Entry entry = entry(key);
    return entry == null ? null : entry.unit;
  }

  @Override
  public CompilationUnit scan(String path) {
    String key = SourceUnits.normalized(path);
    Reads.file(key);
    Lease lease = leases.get();
    Entry pinned = lease == null ? null : lease.pinned.get(key);
    if (pinned != null) {
      return pinned.unit;
    }
    Entry entry = entry(key, null);
    return entry == null ? null : entry.unit;
  }

  @Override
  public TypeDeclaration<?> type(String path, String qualifiedName) {
    String key = SourceUnits.normalized(path);
    Reads.file(key);
    Entry entry = entry(key);
    return entry == null ? null : entry.type(qualifiedName);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T attached(CompilationUnit unit, Object key, Function<CompilationUnit, T> make) {
    String path = SourceUnits.pathOf(unit);
    Entry entry;
    synchronized (this) {
      entry = path == null ? null : entries.get(SourceUnits.normalized(path));
    }
    if (entry == null || entry.unit != unit) {
      return make.apply(unit); // a tree let go meanwhile, or a head: nothing to keep it with
    }
    Object value = entry.attachments.get(key);
    if (value == null) {
      value = make.apply(unit);
      Object raced = entry.attachments.putIfAbsent(key, value);
      value = raced != null ? raced : value;
    }
    return (T) value;
  }

  /**
   * From the file's text, so that no tree is parsed for it: {@link SkippedFiles#calledNames}, and
   * references written with blanks after {@code ::}. Not a read of the file ({@link Reads}): the
   * caller looks up one name in the sets of all files, and records that name.
   */
  @Override
  public Set<String> calledNames(String path) {
    Path file = files.get(SourceUnits.normalized(path));
    if (file == null) {
      return Set.of();
    }
    try {
      String text = parsing.read(file);
      Set<String> names = SkippedFiles.calledNames(text);
      names.addAll(SkippedFiles.spacedReferences(text));
      return names;
    } catch (IOException e) {
      return Set.of();
    }
  }

  /** Notes the digest of the head of a skipped file, as parsed for its supertypes. */
  void noteHead(String path, long digest) {
    headDigests.putIfAbsent(SourceUnits.normalized(path), digest);
  }

  /** The digests of the trees parsed so far, by key. */
  Map<String, Long> treeDigests() {
    return treeDigests;
  }

  /** The digests of the heads parsed so far, by key. */
  Map<String, Long> headDigests() {
    return headDigests;
  }

  private Entry entry(String key) {
    Lease lease = leases.get();
    Entry pinned = lease == null ? null : lease.pinned.get(key);
    return pinned != null ? pinned : entry(key, lease);
  }

  /** The entry, parsed when absent, pinned to {@code lease} unless null. */
  private Entry entry(String key, Lease lease) {
    Entry entry;
    synchronized (this) {
      entry = entries.get(key);
      if (entry != null) {
        pin(entry, lease);
        return entry;
      }
    }
    Path file = files.get(key);
    if (file == null || unparsable.contains(key)) {
      return null;
    }
    Entry parsed = parse(key, file);
    if (parsed == null) {
      unparsable.add(key);
      return null;
    }
    synchronized (this) {
      entry = entries.get(key);
      if (entry == null) { // another worker may have parsed it meanwhile: one tree per file
        entry = parsed;
        entries.put(key, entry);
        held += entry.lines;
      }
      pin(entry, lease);
      evict();
      return entry;
    }
  }

  private void pin(Entry entry, Lease lease) {
    if (lease != null && lease.pinned.putIfAbsent(entry.path, entry) == null) {
      entry.pins++;
      lease.frames.peek().add(entry);
    }
  }

  /** Errors stay quiet: a file that parsed once parses again, and a skipped one is only read. */
  private Entry parse(String key, Path file) {
    String text;
    try {
      text = parsing.read(file);
    } catch (IOException e) {
      return null;
    }
    Parsing.Outcome outcome = parsing.parse(key, text);
    CompilationUnit unit = outcome.unit();
    if (unit == null) {
      return null;
    }
    treeDigests.putIfAbsent(key, outcome.digest());
    parsedAgain.incrementAndGet();
    return new Entry(key, unit, SourceText.countLines(text));
  }

  /** Lets the least recently used unpinned trees go until the rest fits the budget. */
  private void evict() {
    Iterator<Entry> eldest = entries.values().iterator();
    while (held > budget && eldest.hasNext()) {
      Entry entry = eldest.next();
      if (entry.pins == 0) {
        eldest.remove();
        held -= entry.lines;
        if (evicted.incrementAndGet() % 5000 == 0 && TRACE) {
          System.err.println("tx-check: " + statistics());
        }
      }
    }
  }

  private static final boolean TRACE = Boolean.getBoolean("txcheck.treeStatistics");

  /** Trees parsed on demand (files let go, or skipped by the prefilter) and trees let go. */
  synchronized String statistics() {
    long pinned = 0;
    for (Entry entry : entries.values()) {
      pinned += entry.pins > 0 ? entry.lines : 0;
    }
    return "held: "
        + held
        + " lines in "
        + entries.size()
        + " trees, pinned: "
        + pinned
        + " lines; trees parsed on demand: "
        + parsedAgain.get()
        + ", let go: "
        + evicted.get()
        + ", budget: "
        + budget
        + " lines";
  }
}
