package dev.txcheck.types;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The library types of the analysed code's classpath, read from class files on demand. Only the
 * names of the class files are listed up front (a jar's central directory), so a classpath of a
 * hundred jars costs milliseconds until a type is asked for. Thread-safe.
 */
public final class Classpath implements AutoCloseable {
  /** No classpath: every library type is unknown. */
  public static final Classpath NONE = new Classpath(Map.of(), List.of());

  private final Map<String, ClassFile> classFiles;
  private final List<ZipFile> jars;
  private final Map<String, Optional<LibraryType>> read = new ConcurrentHashMap<>();

  private Classpath(Map<String, ClassFile> classFiles, List<ZipFile> jars) {
    this.classFiles = classFiles;
    this.jars = jars;
  }

  /**
   * Lists the class files of jars and class directories; the first entry that has a class wins, as
   * for javac. Entries that do not exist are skipped (Maven lists directories before they are
   * built); entries that exist but cannot be read are skipped and named in {@code problems}.
   */
  public static Classpath open(List<Path> entries, BiConsumer<Path, String> problems) {
    Map<String, ClassFile> classFiles = new HashMap<>();
    List<ZipFile> jars = new ArrayList<>();
    for (Path entry : entries) {
      try {
        if (Files.isDirectory(entry)) {
          listDirectory(entry, classFiles);
        } else if (Files.isRegularFile(entry)) {
          ZipFile jar = new ZipFile(entry.toFile());
          jars.add(jar);
          jar.stream()
              .filter(e -> e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/"))
              .forEach(e -> classFiles.putIfAbsent(binaryName(e.getName()), new InJar(jar, e)));
        }
      } catch (IOException | UncheckedIOException e) {
        problems.accept(entry, "cannot read this classpath entry (" + e.getMessage() + ")");
      }
    }
    return new Classpath(Map.copyOf(classFiles), List.copyOf(jars));
  }

  private static void listDirectory(Path dir, Map<String, ClassFile> classFiles)
      throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .filter(f -> f.toString().endsWith(".class"))
          .forEach(
              f -> {
                String relative = dir.relativize(f).toString().replace('\\', '/');
                classFiles.putIfAbsent(binaryName(relative), () -> Files.newInputStream(f));
              });
    }
  }

  /** {@code com/acme/Outer$Inner.class} becomes {@code com.acme.Outer.Inner}. */
  private static String binaryName(String path) {
    return path.substring(0, path.length() - ".class".length()).replace('/', '.').replace('$', '.');
  }

  /** True when a class file of that qualified name is on the classpath. */
  public boolean has(String qualifiedName) {
    return classFiles.containsKey(qualifiedName);
  }

  /** The type of that qualified name, when the classpath has its class file and it is readable. */
  public Optional<LibraryType> type(String qualifiedName) {
    ClassFile file = classFiles.get(qualifiedName);
    if (file == null) {
      return Optional.empty();
    }
    return read.computeIfAbsent(qualifiedName, name -> describe(name, file));
  }

  /** The bytes of the class file of that qualified name, when the classpath has it. */
  public Optional<byte[]> classBytes(String qualifiedName) {
    ClassFile file = classFiles.get(qualifiedName);
    if (file == null) {
      return Optional.empty();
    }
    try (InputStream in = file.open()) {
      return Optional.of(in.readAllBytes());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A broken class file counts as absent: an unknown type never matches, so nothing is guessed. */
  private static Optional<LibraryType> describe(String name, ClassFile file) {
    try (InputStream in = file.open()) {
      Describer describer = new Describer();
      new ClassReader(in)
          .accept(
              describer, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      return Optional.of(new LibraryType(name, describer.supertypes, describer.fields));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Closes the jars. They were only read, so a failure to close them loses nothing. */
  @Override
  public void close() {
    for (ZipFile jar : jars) {
      try {
        jar.close();
      } catch (IOException ignored) {
        // nothing was written
      }
    }
  }

  private interface ClassFile {
    InputStream open() throws IOException;
  }

  private record InJar(ZipFile jar, ZipEntry entry) implements ClassFile {
    @Override
    public InputStream open() throws IOException {
      return jar.getInputStream(entry);
    }
  }

  /** Collects supertypes and field types; skips code, which is most of a class file. */
  private static final class Describer extends ClassVisitor {
    final List<String> supertypes = new ArrayList<>();
    final Map<String, String> fields = new LinkedHashMap<>();

    Describer() {
      super(Opcodes.ASM9);
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        String signature,
        String superName,
        String[] interfaces) {
      if (superName != null) {
        supertypes.add(sourceName(superName));
      }
      for (String type : interfaces) {
        supertypes.add(sourceName(type));
      }
    }

    @Override
    public FieldVisitor visitField(
        int access, String name, String descriptor, String signature, Object value) {
      if ((access & Opcodes.ACC_SYNTHETIC) == 0) {
        Type type = Type.getType(descriptor);
        if (type.getSort() == Type.OBJECT) {
          fields.put(name, type.getClassName().replace('$', '.'));
        }
      }
      return null;
    }

    private static String sourceName(String internalName) {
      return internalName.replace('/', '.').replace('$', '.');
    }
  }
}
