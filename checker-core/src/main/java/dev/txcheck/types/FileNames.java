package dev.txcheck.types;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a file says about names, read once from its tree so that a {@link NameResolver} can be made
 * without keeping the tree.
 *
 * @param packageName the declared package, "" for the default package
 * @param imports the import declarations, in order
 * @param declared simple name to qualified name of the file's member types (not local classes)
 */
public record FileNames(String packageName, List<Import> imports, Map<String, String> declared) {

  /** One import declaration: {@code name} without the {@code .*}. */
  public record Import(String name, boolean isStatic, boolean isAsterisk) {}

  public static FileNames of(CompilationUnit cu) {
    String pkg = cu.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
    List<Import> imports = new ArrayList<>();
    for (ImportDeclaration imp : cu.getImports()) {
      imports.add(new Import(imp.getNameAsString(), imp.isStatic(), imp.isAsterisk()));
    }
    // Member types only (not a walk of the whole tree, which costs as much as parsing); local
    // classes are rare.
    Map<String, String> declared = new LinkedHashMap<>();
    Deque<TypeDeclaration<?>> types = new ArrayDeque<>(cu.getTypes());
    while (!types.isEmpty()) {
      TypeDeclaration<?> type = types.pop();
      type.getFullyQualifiedName()
          .ifPresent(fqn -> declared.putIfAbsent(type.getNameAsString(), fqn));
      for (BodyDeclaration<?> member : type.getMembers()) {
        if (member instanceof TypeDeclaration<?> nested) {
          types.add(nested);
        }
      }
    }
    return new FileNames(pkg, List.copyOf(imports), Map.copyOf(declared));
  }
}
