package dev.txcheck.engine;

import com.github.javaparser.ast.Node;
import com.github.javaparser.printer.ConfigurablePrinter;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import com.github.javaparser.printer.Printer;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration;
import com.github.javaparser.printer.configuration.PrinterConfiguration;

/**
 * The printer behind {@code toString()} of every tree this engine parses, set right after the
 * parse. JavaParser's own is made on the first {@code toString()} and stored in the tree, and each
 * {@code toString()} then changes its configuration: two workers printing nodes of one shared tree
 * raced there ("No data of this type found" under a small heap, when trees are parsed again often).
 * This one keeps no state in the tree: each thread prints with its own printer, and the
 * configuration {@code toString()} changes is a fresh copy each time.
 */
final class SharedTreePrinter implements ConfigurablePrinter {
  static final SharedTreePrinter INSTANCE = new SharedTreePrinter();

  private static final ThreadLocal<DefaultPrettyPrinter> PRINTERS =
      ThreadLocal.withInitial(DefaultPrettyPrinter::new);

  private SharedTreePrinter() {}

  @Override
  public String print(Node node) {
    return PRINTERS.get().print(node);
  }

  @Override
  public PrinterConfiguration getConfiguration() {
    return new DefaultPrinterConfiguration();
  }

  @Override
  public Printer setConfiguration(PrinterConfiguration configuration) {
    return this; // the default line ending is all that toString() sets
  }
}
