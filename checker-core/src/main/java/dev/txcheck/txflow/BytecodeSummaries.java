package dev.txcheck.txflow;

import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.txapi.ApiMethod;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txapi.HandleSite;
import dev.txcheck.types.Classpath;
import dev.txcheck.types.Memo;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.Reads;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Summaries of library methods, read from the class files of the classpath: a helper in another
 * module or a dependency jar ({@code JdbcSupport.rollbackQuietly(conn)}, {@code Db.open()}) counts
 * at its call sites as it would if its source were analysed. The effects come from the catalog
 * lines its invoke instructions match (and, a few levels deep, from the summaries of the library
 * methods it calls), applied to the value each instruction works on: a parameter, a field of the
 * receiver, or the result of an earlier call. ASM's {@link SourceInterpreter} says which
 * instruction produced each value. Thread-safe; each method is read once.
 */
final class BytecodeSummaries {
  private static final int MAX_DEPTH = 3;

  private final ApiCatalog catalog;
  private final ProjectIndex index;
  private final Classpath classpath;

  /** With what each read of the sources (the supertypes of a type of theirs). */
  private final Memo<String, MethodSummary> cache = new Memo<>();

  BytecodeSummaries(ApiCatalog catalog, ProjectIndex index) {
    this.catalog = catalog;
    this.index = index;
    this.classpath = index.classpath();
  }

  /**
   * The summary of the method {@code name} with {@code arity} parameters that a call on {@code
   * owner} (a qualified type name) runs: declared there or inherited from a supertype on the
   * classpath; {@link MethodSummary#NONE} when no class file has it, when several overloads could
   * be meant, or for the JDK.
   */
  MethodSummary summaryOf(String owner, String name, int arity) {
    return summaryOf(owner, name, arity, 0);
  }

  private MethodSummary summaryOf(String owner, String name, int arity, int depth) {
    if (owner == null || depth > MAX_DEPTH) {
      return MethodSummary.NONE;
    }
    String key = owner + "#" + name + "/" + arity;
    MethodSummary cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    cache.put(key, MethodSummary.NONE, (Set<String>) null); // recursion adds nothing
    try (Reads.Frame frame = Reads.open()) {
      MethodSummary summary = compute(owner, name, arity, depth);
      cache.put(key, summary, frame);
      return summary;
    }
  }

  private MethodSummary compute(String owner, String name, int arity, int depth) {
    Set<String> hierarchy = new LinkedHashSet<>();
    hierarchy.add(owner);
    hierarchy.addAll(index.supertypes(owner));
    for (String type : hierarchy) {
      Optional<byte[]> bytes = classpath.classBytes(type);
      if (bytes.isEmpty()) {
        continue;
      }
      ClassNode node = new ClassNode();
      try {
        new ClassReader(bytes.get()).accept(node, ClassReader.SKIP_FRAMES);
      } catch (RuntimeException e) {
        return MethodSummary.NONE; // a broken class file: unknown
      }
      List<MethodNode> candidates = new ArrayList<>();
      for (MethodNode method : node.methods) {
        if (method.name.equals(name)
            && Type.getArgumentTypes(method.desc).length == arity
            && (method.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_BRIDGE)) == 0) {
          candidates.add(method);
        }
      }
      if (candidates.size() == 1) {
        return new MethodReading(type, node.name, candidates.get(0), depth).summary();
      }
      if (!candidates.isEmpty()) {
        return MethodSummary.NONE; // overloads by parameter type: cannot tell which
      }
    }
    return MethodSummary.NONE;
  }

  /** Where a value an instruction works on came from. */
  private sealed interface Origin {}

  private record Param(int index) implements Origin {}

  private record Field(String name) implements Origin {}

  /** The result of the call at this instruction index. */
  private record Result(int insn) implements Origin {}

  private record Unknown() implements Origin {}

  private static final Origin UNKNOWN = new Unknown();

  /** The reading of one method's instructions. */
  private final class MethodReading {
    private final String owner;
    private final String ownerInternal;
    private final MethodNode method;
    private final int depth;
    private final InsnList insns;
    private final Map<Integer, Integer> paramOfSlot = new HashMap<>();
    private final boolean isStatic;
    private Frame<SourceValue>[] frames;

    private final Map<Origin, Set<Effect>> effects = new HashMap<>();
    private final Set<Integer> kept = new HashSet<>();
    private boolean data;
    private boolean writes;
    private boolean remote;
    private boolean begins;
    private boolean allLazy = true;

    MethodReading(String owner, String ownerInternal, MethodNode method, int depth) {
      this.owner = owner;
      this.ownerInternal = ownerInternal;
      this.method = method;
      this.depth = depth;
      this.insns = method.instructions;
      this.isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
      int slot = isStatic ? 0 : 1;
      Type[] params = Type.getArgumentTypes(method.desc);
      for (int i = 0; i < params.length; i++) {
        paramOfSlot.put(slot, i);
        slot += params[i].getSize();
      }
    }

    MethodSummary summary() {
      try {
        frames = new Analyzer<>(new SourceInterpreter()).analyze(ownerInternal, method);
      } catch (AnalyzerException | RuntimeException e) {
        return MethodSummary.NONE;
      }
      for (int i = 0; i < insns.size(); i++) {
        if (frames[i] == null) {
          continue; // unreachable
        }
        AbstractInsnNode insn = insns.get(i);
        if (insn instanceof MethodInsnNode call) {
          readCall(i, call);
        } else if (insn.getOpcode() == Opcodes.PUTFIELD || insn.getOpcode() == Opcodes.PUTSTATIC) {
          keep(origin(top(i, 0), 0)); // stored: kept by an object
        } else if (insn.getOpcode() == Opcodes.AASTORE) {
          keep(origin(top(i, 0), 0));
        }
      }
      return build();
    }

    private void keep(Origin origin) {
      if (origin instanceof Param param) {
        kept.add(param.index());
      }
    }

    private void readCall(int at, MethodInsnNode call) {
      Type[] args = Type.getArgumentTypes(call.desc);
      boolean hasReceiver = call.getOpcode() != Opcodes.INVOKESTATIC;
      List<Origin> argOrigins = new ArrayList<>();
      List<Boolean> constants = new ArrayList<>();
      for (int k = 0; k < args.length; k++) {
        SourceValue value = top(at, args.length - 1 - k);
        argOrigins.add(origin(value, 0));
        constants.add(booleanConstant(value));
      }
      Origin receiver = hasReceiver ? origin(top(at, args.length), 0) : UNKNOWN;
      String callOwner = Type.getObjectType(call.owner).getClassName().replace('$', '.');
      List<ApiMethod> apis = matches(callOwner, call.name, constants);
      if (!apis.isEmpty()) {
        for (ApiMethod api : apis) {
          apply(api, at, receiver, argOrigins);
        }
        return;
      }
      if (!classpath.has(callOwner)) {
        argOrigins.forEach(this::keep); // a method nobody can read may keep what it is given
        return;
      }
      MethodSummary callee = summaryOf(callOwner, call.name, args.length, depth + 1);
      data |= callee.data();
      writes |= callee.writes();
      remote |= callee.remote();
      callee
          .parameterEffects()
          .forEach(
              (p, onParam) -> {
                if (p < argOrigins.size()) {
                  effects
                      .computeIfAbsent(argOrigins.get(p), o -> EnumSet.noneOf(Effect.class))
                      .addAll(onParam);
                }
              });
      for (int p = 0; p < argOrigins.size(); p++) {
        if (callee.kept().contains(p)) {
          keep(argOrigins.get(p));
        }
      }
      if (callee.returned().contains(Effect.OPEN)) {
        Set<Effect> result =
            effects.computeIfAbsent(new Result(at), o -> EnumSet.noneOf(Effect.class));
        result.add(Effect.OPEN);
        if (callee.returned().contains(Effect.BEGIN)) {
          result.add(Effect.BEGIN);
          begins = true;
          allLazy &= callee.returned().contains(Effect.LAZY);
        }
      }
      if (callee.lazyBegins() || !callee.parameterEffects().isEmpty()) {
        boolean calleeBegins =
            callee.parameterEffects().values().stream().anyMatch(e -> e.contains(Effect.BEGIN));
        begins |= calleeBegins;
        allLazy &= !calleeBegins || callee.lazyBegins();
      }
    }

    private List<ApiMethod> matches(String callOwner, String name, List<Boolean> constants) {
      List<ApiMethod> result = new ArrayList<>();
      for (ApiMethod api : catalog.candidates(name)) {
        boolean ownerMatches =
            api.anyOwner() || (!api.annotatedOwner() && index.isSubtype(callOwner, api.owner()));
        if (ownerMatches && api.args().matchesConstants(constants)) {
          result.add(api);
        }
      }
      return result;
    }

    private void apply(ApiMethod api, int at, Origin receiver, List<Origin> args) {
      data |= api.has(Effect.DATA) || api.has(Effect.WRITE);
      writes |= api.has(Effect.WRITE);
      remote |= api.has(Effect.REMOTE);
      HandleSite site = api.handle();
      Origin on =
          switch (site.kind()) {
            case RECEIVER -> receiver;
            case RESULT -> new Result(at);
            case ARGUMENT -> site.argIndex() < args.size() ? args.get(site.argIndex()) : UNKNOWN;
          };
      for (Effect effect : api.effects()) {
        if (effect.onTransaction() || effect == Effect.OPEN) {
          effects.computeIfAbsent(on, o -> EnumSet.noneOf(Effect.class)).add(effect);
          if (effect == Effect.BEGIN) {
            begins = true;
            allLazy &= api.has(Effect.LAZY);
          }
        }
      }
    }

    /**
     * The value {@code fromTop} places below the top of the stack before instruction {@code at}.
     */
    private SourceValue top(int at, int fromTop) {
      Frame<SourceValue> frame = frames[at];
      return frame.getStack(frame.getStackSize() - 1 - fromTop);
    }

    private Boolean booleanConstant(SourceValue value) {
      if (value.insns.size() != 1) {
        return null;
      }
      int opcode = value.insns.iterator().next().getOpcode();
      return opcode == Opcodes.ICONST_0 ? Boolean.FALSE : opcode == Opcodes.ICONST_1 ? true : null;
    }

    /**
     * Follows a value back through loads, stores and casts to a parameter, a field of {@code this},
     * or a call's result. A value with several sources counts when all known ones agree ({@code c =
     * null; ... c = ds.getConnection();}).
     */
    private Origin origin(SourceValue value, int hops) {
      if (hops > 16) {
        return UNKNOWN;
      }
      Origin found = null;
      for (AbstractInsnNode source : value.insns) {
        Origin one = originOf(source, hops);
        if (one == null) {
          continue; // a null constant
        }
        if (found != null && !found.equals(one)) {
          return UNKNOWN;
        }
        found = one;
      }
      return found == null ? UNKNOWN : found;
    }

    private Origin originOf(AbstractInsnNode source, int hops) {
      int at = insns.indexOf(source);
      int opcode = source.getOpcode();
      if (opcode == Opcodes.ACONST_NULL) {
        return null;
      }
      if (source instanceof MethodInsnNode) {
        return new Result(at);
      }
      if (frames[at] == null) {
        return UNKNOWN;
      }
      if (opcode == Opcodes.ALOAD) {
        int slot = ((VarInsnNode) source).var;
        SourceValue local = frames[at].getLocal(slot);
        if (local.insns.isEmpty()) {
          if (!isStatic && slot == 0) {
            return UNKNOWN; // this
          }
          Integer param = paramOfSlot.get(slot);
          return param == null ? UNKNOWN : new Param(param);
        }
        return origin(local, hops + 1);
      }
      if (opcode == Opcodes.ASTORE || opcode == Opcodes.CHECKCAST || opcode == Opcodes.DUP) {
        return origin(top(at, 0), hops + 1);
      }
      if (opcode == Opcodes.GETFIELD
          && origin(top(at, 0), hops + 1) instanceof Unknown
          && isThis(top(at, 0))) {
        return new Field(((FieldInsnNode) source).name);
      }
      return UNKNOWN;
    }

    private boolean isThis(SourceValue value) {
      if (isStatic || value.insns.size() != 1) {
        return false;
      }
      AbstractInsnNode insn = value.insns.iterator().next();
      return insn.getOpcode() == Opcodes.ALOAD
          && ((VarInsnNode) insn).var == 0
          && frames[insns.indexOf(insn)] != null
          && frames[insns.indexOf(insn)].getLocal(0).insns.isEmpty();
    }

    private MethodSummary build() {
      Map<Integer, Set<Effect>> onParams = new HashMap<>();
      Map<String, Set<Effect>> onFields = new HashMap<>();
      boolean undoesAmbient = false;
      for (Map.Entry<Origin, Set<Effect>> entry : effects.entrySet()) {
        Set<Effect> onIt = Set.copyOf(entry.getValue());
        if (entry.getKey() instanceof Param param) {
          onParams.put(param.index(), onIt);
        } else if (entry.getKey() instanceof Field field) {
          onFields.put("field:" + owner + "." + field.name(), onIt);
          undoesAmbient |= onIt.stream().anyMatch(Effect::undoes);
        } else if (entry.getKey() instanceof Unknown) {
          undoesAmbient |= onIt.stream().anyMatch(Effect::undoes);
        }
      }
      // Straight-line code does what it does on every path; with branches, nothing is certain.
      boolean straight = true;
      for (AbstractInsnNode insn : insns) {
        straight &=
            !(insn instanceof JumpInsnNode
                || insn instanceof TableSwitchInsnNode
                || insn instanceof LookupSwitchInsnNode);
      }
      straight &= method.tryCatchBlocks.isEmpty();
      Set<Effect> returned = returned();
      return new MethodSummary(
          Map.copyOf(onParams),
          straight ? Map.copyOf(onParams) : Map.of(),
          undoesAmbient,
          alwaysThrows(),
          data,
          writes,
          returned,
          Map.copyOf(onFields),
          straight ? Map.copyOf(onFields) : Map.of(),
          begins && allLazy,
          Set.copyOf(kept),
          false,
          remote,
          -1); // an array loop is not followed in bytecode: its elements are not the parameter
    }

    /** A fresh resource (and the transaction begun on it) that the method returns. */
    private Set<Effect> returned() {
      Set<Effect> returned = EnumSet.noneOf(Effect.class);
      for (int i = 0; i < insns.size(); i++) {
        if (insns.get(i).getOpcode() != Opcodes.ARETURN || frames[i] == null) {
          continue;
        }
        Origin value = origin(top(i, 0), 0);
        if (value instanceof Param param) {
          kept.add(param.index());
        }
        Set<Effect> onIt = effects.getOrDefault(value, Set.of());
        if (value instanceof Result
            && onIt.contains(Effect.OPEN)
            && onIt.stream().noneMatch(Effect::closes)) {
          returned.add(Effect.OPEN);
          if (onIt.contains(Effect.BEGIN) && onIt.stream().noneMatch(Effect::ends)) {
            returned.add(Effect.BEGIN);
            if (allLazy) {
              returned.add(Effect.LAZY);
            }
          }
        }
      }
      return Set.copyOf(returned);
    }

    private boolean alwaysThrows() {
      boolean throwsSomething = false;
      for (AbstractInsnNode insn : insns) {
        int opcode = insn.getOpcode();
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
          return false;
        }
        throwsSomething |= opcode == Opcodes.ATHROW;
      }
      return throwsSomething;
    }
  }
}
