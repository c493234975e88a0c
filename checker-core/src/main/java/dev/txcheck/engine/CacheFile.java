package dev.txcheck.engine;

import dev.txcheck.finding.Finding;
import dev.txcheck.finding.Severity;
import dev.txcheck.report.ReportFiles;
import dev.txcheck.types.FileFacts;
import dev.txcheck.types.FileNames;
import dev.txcheck.types.TypeFacts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The incremental cache's file: a magic line, the format's number, the key (a digest of the
 * version, configuration, catalog and classpath: {@link CacheKey}), a CRC-32 of the rest, then two
 * parts. The first holds what an unchanged re-run needs (each file's path, digest and role, its
 * findings and errors; the classpath's errors); the second what an incremental run needs besides
 * (facts, names, what each check read, the types that handle transactions). A re-run on unchanged
 * files reads only the first. Written atomically (a temporary file renamed over it, as the
 * reports); a file of another format or key is no cache for this run, one that does not parse is
 * corrupt.
 */
final class CacheFile {
  /** Raise it with every change of what is written, or of what the engine records. */
  static final int FORMAT = 2;

  private static final byte[] MAGIC = "tx-check cache\n".getBytes(StandardCharsets.US_ASCII);

  private CacheFile() {}

  /** A cache file that is there but cannot be used: its one-line reason. */
  static final class CorruptException extends IOException {
    CorruptException(String message) {
      super(message);
    }
  }

  /** The bytes of a cache file: {@link #read} parses them, once for each part it needs. */
  record Bytes(byte[] content) {}

  /**
   * The file's bytes, or null when there is none.
   *
   * @throws IOException when it cannot be read
   */
  static Bytes load(Path file) throws IOException {
    try {
      return new Bytes(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** True when the bytes are a cache of this format for this key (the CRC checked too). */
  static boolean matches(Bytes bytes, byte[] key) throws CorruptException {
    byte[] content = bytes.content();
    int at = MAGIC.length;
    if (content.length < at + 4 || !Arrays.equals(content, 0, at, MAGIC, 0, at)) {
      throw new CorruptException("not a tx-check cache file");
    }
    int format = readInt(content, at);
    if (format != FORMAT) {
      return false; // another version of tx-check wrote it
    }
    at += 4;
    if (content.length < at + 2) {
      throw new CorruptException("truncated");
    }
    int keyLength = ((content[at] & 0xff) << 8) | (content[at + 1] & 0xff);
    at += 2;
    if (content.length < at + keyLength + 4) {
      throw new CorruptException("truncated");
    }
    boolean same = Arrays.equals(content, at, at + keyLength, key, 0, key.length);
    at += keyLength;
    int crc = readInt(content, at);
    at += 4;
    CRC32 check = new CRC32();
    check.update(content, at, content.length - at);
    if ((int) check.getValue() != crc) {
      throw new CorruptException("checksum mismatch (a damaged or truncated file)");
    }
    return same;
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  private static int bodyStart(byte[] content) {
    int at = MAGIC.length + 4;
    int keyLength = ((content[at] & 0xff) << 8) | (content[at + 1] & 0xff);
    return at + 2 + keyLength + 4;
  }

  /**
   * The state the bytes hold ({@link #matches} first): the first part only, or both.
   *
   * @throws CorruptException when they do not parse
   */
  static CacheState read(Bytes bytes, boolean incremental) throws CorruptException {
    byte[] content = bytes.content();
    int start = bodyStart(content);
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(content, start, content.length - start))) {
      return new Reader(in).state(incremental);
    } catch (EOFException e) {
      throw new CorruptException("truncated");
    } catch (IOException | RuntimeException e) {
      throw new CorruptException("does not parse (" + e + ")");
    }
  }

  /** Writes the state for the key, atomically. */
  static void write(Path file, byte[] key, CacheState state) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 20);
    try (DataOutputStream out = new DataOutputStream(body)) {
      new Writer(out).state(state);
    }
    byte[] content = body.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(content);
    ByteArrayOutputStream whole = new ByteArrayOutputStream(content.length + 64);
    try (DataOutputStream out = new DataOutputStream(whole)) {
      out.write(MAGIC);
      out.writeInt(FORMAT);
      out.writeShort(key.length);
      out.write(key);
      out.writeInt((int) crc.getValue());
      out.write(content);
    }
    ReportFiles.writeAtomically(file, whole.toByteArray());
  }

  private static final class Writer {
    private final DataOutputStream out;

    Writer(DataOutputStream out) {
      this.out = out;
    }

    void state(CacheState state) throws IOException {
      // Part one: what an unchanged re-run needs.
      out.writeInt(state.files.size());
      for (CacheState.FileEntry file : state.files) {
        string(file.path);
        out.writeByte(file.digest == null ? 0 : file.digest.length);
        if (file.digest != null) {
          out.write(file.digest);
        }
        out.writeByte(file.role == null ? -1 : file.role.ordinal());
      }
      errors(state.classpathErrors);
      for (CacheState.FileEntry file : state.files) {
        out.writeInt(file.located.size());
        for (FileChecker.Located located : file.located) {
          finding(located.finding());
          string(located.code());
        }
        errors(file.errors);
        out.writeLong(file.role != null && file.role.parsed() ? file.lines : 0);
      }
      // Part two: what an incremental run needs besides.
      out.writeInt(state.names.size());
      for (String name : state.names) {
        string(name);
      }
      strings(state.meta);
      strings(state.plumbing);
      for (CacheState.FileEntry file : state.files) {
        out.writeInt(file.order);
        string(file.pkg);
        out.writeLong(file.tree);
        out.writeLong(file.head);
        string(file.suppressions);
        codes(file.calls);
        codes(file.spaced);
        codes(file.reads);
        out.writeBoolean(file.facts != null);
        if (file.facts != null) {
          facts(file.facts);
        }
      }
      out.writeInt(state.types.size());
      for (CacheState.TypeEntry type : state.types) {
        string(type.type());
        out.writeInt(type.file());
        strings(type.names());
        codes(type.reads());
      }
      codes(state.globalReads);
    }

    private void finding(Finding f) throws IOException {
      string(f.ruleId());
      string(f.ruleName());
      string(f.severity().name());
      string(f.message());
      string(f.file());
      out.writeInt(f.line());
      out.writeInt(f.column());
      out.writeInt(f.endLine());
      out.writeInt(f.endColumn());
      string(f.enclosing());
      string(f.fingerprint());
    }

    private void errors(List<ProcessingError> errors) throws IOException {
      out.writeInt(errors.size());
      for (ProcessingError error : errors) {
        string(error.file());
        out.writeInt(error.line());
        out.writeInt(error.column());
        string(error.message());
      }
    }

    private void facts(FileFacts facts) throws IOException {
      string(facts.path());
      FileNames names = facts.names();
      string(names.packageName());
      out.writeInt(names.imports().size());
      for (FileNames.Import imp : names.imports()) {
        string(imp.name());
        out.writeBoolean(imp.isStatic());
        out.writeBoolean(imp.isAsterisk());
      }
      out.writeInt(names.declared().size());
      for (Map.Entry<String, String> declared : names.declared().entrySet()) {
        string(declared.getKey());
        string(declared.getValue());
      }
      out.writeInt(facts.types().size());
      for (TypeFacts type : facts.types()) {
        string(type.name());
        strings(type.supertypes());
        strings(type.annotations());
        out.writeInt(type.fields().size());
        for (TypeFacts.Field field : type.fields()) {
          string(field.name());
          string(field.type());
          out.writeBoolean(field.resolve());
        }
        strings(type.methods());
        strings(type.accessors());
        out.writeBoolean(type.annotationType());
        out.writeBoolean(type.isInterface());
      }
      written(facts.exceptions());
      written(facts.extended());
      string(facts.sortKey());
    }

    private void written(java.util.Collection<FileFacts.Written> types) throws IOException {
      out.writeInt(types.size());
      for (FileFacts.Written type : types) {
        string(type.withScope());
        string(type.simple());
      }
    }

    private void strings(java.util.Collection<String> strings) throws IOException {
      out.writeInt(strings.size());
      for (String s : strings) {
        string(s);
      }
    }

    /** Sorted ints as varints of their differences; null as a count of -1. */
    private void codes(int[] codes) throws IOException {
      if (codes == null) {
        varint(0);
        return;
      }
      varint(codes.length + 1);
      int previous = 0;
      for (int code : codes) {
        int delta = code - previous;
        varint((delta << 1) ^ (delta >> 31)); // zigzag: the first may be -1
        previous = code;
      }
    }

    private void varint(int value) throws IOException {
      while ((value & ~0x7f) != 0) {
        out.writeByte((value & 0x7f) | 0x80);
        value >>>= 7;
      }
      out.writeByte(value);
    }

    private void string(String s) throws IOException {
      if (s == null) {
        out.writeInt(-1);
        return;
      }
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  private static final class Reader {
    private final DataInputStream in;
    private final Map<String, String> interned = new HashMap<>();

    Reader(DataInputStream in) {
      this.in = in;
    }

    CacheState state(boolean incremental) throws IOException {
      int n = count();
      List<String> paths = new ArrayList<>(n);
      List<byte[]> digests = new ArrayList<>(n);
      List<CacheState.Role> roles = new ArrayList<>(n);
      CacheState.Role[] all = CacheState.Role.values();
      for (int i = 0; i < n; i++) {
        paths.add(string());
        int length = in.readUnsignedByte();
        byte[] digest = null;
        if (length > 0) {
          digest = new byte[length];
          in.readFully(digest);
        }
        digests.add(digest);
        int role = in.readByte();
        roles.add(role < 0 ? null : all[role]);
      }
      List<ProcessingError> classpathErrors = errors();
      List<List<FileChecker.Located>> located = new ArrayList<>(n);
      List<List<ProcessingError>> errors = new ArrayList<>(n);
      List<Long> lines = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int findings = count();
        List<FileChecker.Located> list = new ArrayList<>(findings);
        for (int k = 0; k < findings; k++) {
          list.add(new FileChecker.Located(finding(), string()));
        }
        located.add(List.copyOf(list));
        errors.add(errors());
        lines.add(in.readLong());
      }
      List<String> names = List.of();
      if (incremental) {
        int count = count();
        names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          names.add(string());
        }
      }
      CacheState state = new CacheState(paths, names);
      state.classpathErrors = classpathErrors;
      for (int i = 0; i < n; i++) {
        CacheState.FileEntry file = state.files.get(i);
        file.digest = digests.get(i);
        file.role = roles.get(i);
        file.located = located.get(i);
        file.errors = errors.get(i);
        file.lines = lines.get(i);
      }
      if (!incremental) {
        return state;
      }
      state.meta = Set.copyOf(strings());
      state.plumbing = Set.copyOf(strings());
      for (CacheState.FileEntry file : state.files) {
        file.order = in.readInt();
        file.pkg = string();
        file.tree = in.readLong();
        file.head = in.readLong();
        file.suppressions = string();
        file.calls = codes();
        file.spaced = codes();
        file.reads = codes();
        if (in.readBoolean()) {
          file.facts = facts();
        }
        checkName(file.calls, state.names.size());
        checkName(file.spaced, state.names.size());
      }
      int types = count();
      for (int i = 0; i < types; i++) {
        String type = string();
        int file = in.readInt();
        if (file < 0 || file >= n) {
          throw new IOException("bad file index " + file);
        }
        state.types.add(
            new CacheState.TypeEntry(type, file, Set.copyOf(strings()), nonNull(codes())));
      }
      state.globalReads = nonNull(codes());
      if (in.read() != -1) {
        throw new IOException("trailing bytes");
      }
      return state;
    }

    private static int[] nonNull(int[] codes) {
      return codes == null ? new int[0] : codes;
    }

    private static void checkName(int[] ids, int names) throws IOException {
      if (ids == null) {
        throw new IOException("names missing");
      }
      for (int id : ids) {
        if (id < 0 || id >= names) {
          throw new IOException("bad name id " + id);
        }
      }
    }

    private Finding finding() throws IOException {
      return new Finding(
          string(),
          string(),
          Severity.valueOf(string()),
          string(),
          string(),
          in.readInt(),
          in.readInt(),
          in.readInt(),
          in.readInt(),
          string(),
          string());
    }

    private List<ProcessingError> errors() throws IOException {
      int n = count();
      List<ProcessingError> errors = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        errors.add(new ProcessingError(string(), in.readInt(), in.readInt(), string()));
      }
      return List.copyOf(errors);
    }

    private FileFacts facts() throws IOException {
      String path = string();
      String pkg = string();
      int n = count();
      List<FileNames.Import> imports = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        imports.add(new FileNames.Import(string(), in.readBoolean(), in.readBoolean()));
      }
      n = count();
      Map<String, String> declared = new HashMap<>();
      for (int i = 0; i < n; i++) {
        declared.put(string(), string());
      }
      FileNames names = new FileNames(pkg, List.copyOf(imports), Map.copyOf(declared));
      n = count();
      List<TypeFacts> types = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String name = string();
        List<String> supertypes = List.copyOf(strings());
        List<String> annotations = List.copyOf(strings());
        int fieldCount = count();
        List<TypeFacts.Field> fields = new ArrayList<>(fieldCount);
        for (int k = 0; k < fieldCount; k++) {
          fields.add(new TypeFacts.Field(string(), string(), in.readBoolean()));
        }
        List<String> methods = new ArrayList<>();
        for (String method : strings()) {
          methods.add(method.intern()); // as TypeFacts.of does
        }
        List<String> accessors = new ArrayList<>();
        for (String method : strings()) {
          accessors.add(method.intern());
        }
        types.add(
            new TypeFacts(
                name,
                supertypes,
                annotations,
                List.copyOf(fields),
                List.copyOf(methods),
                List.copyOf(accessors),
                in.readBoolean(),
                in.readBoolean()));
      }
      Set<FileFacts.Written> exceptions = Set.copyOf(written());
      List<FileFacts.Written> extended = List.copyOf(written());
      return new FileFacts(path, names, List.copyOf(types), exceptions, extended, string());
    }

    private List<FileFacts.Written> written() throws IOException {
      int n = count();
      List<FileFacts.Written> types = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        types.add(new FileFacts.Written(string(), string()));
      }
      return types;
    }

    private List<String> strings() throws IOException {
      int n = count();
      List<String> strings = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        strings.add(string());
      }
      return strings;
    }

    private int[] codes() throws IOException {
      int length = varint() - 1;
      if (length < 0) {
        return null;
      }
      int[] codes = new int[length];
      int previous = 0;
      for (int i = 0; i < length; i++) {
        int zigzag = varint();
        previous += (zigzag >>> 1) ^ -(zigzag & 1);
        codes[i] = previous;
      }
      return codes;
    }

    private int varint() throws IOException {
      int value = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int b = in.readUnsignedByte();
        value |= (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IOException("bad varint");
    }

    private int count() throws IOException {
      int n = in.readInt();
      if (n < 0 || n > 50_000_000) {
        throw new IOException("bad count " + n);
      }
      return n;
    }

    private String string() throws IOException {
      int length = in.readInt();
      if (length == -1) {
        return null;
      }
      if (length < 0 || length > in.available()) {
        throw new IOException("bad string length " + length);
      }
      byte[] bytes = new byte[length];
      in.readFully(bytes);
      String s = new String(bytes, StandardCharsets.UTF_8);
      String known = interned.putIfAbsent(s, s);
      return known != null ? known : s;
    }
  }
}
