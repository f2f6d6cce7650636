package io.runnel.function;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import io.runnel.config.ConfigException;
import io.runnel.config.ConfigProblem;
import io.runnel.config.FunctionConfig;
import io.runnel.config.FunctionConfig.FunctionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles {@code functions:} into CEL programs once, at start-up (DESIGN.md §6), with type checks
 * against the variables {@code action} (string), {@code record} and {@code metadata} (map(string,
 * dyn)) and {@code changes} (dyn: a map, or null). Besides CEL's standard library and macros
 * ({@code has}, {@code exists}, {@code map}, …) the string extensions ({@code lowerAscii}, {@code
 * upperAscii}, {@code replace}, {@code split}, {@code trim}, …) and the encoders ({@code
 * base64.encode}) are available. Thread-safe.
 */
public final class FunctionCompiler {
  private static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
          .addVar("action", SimpleType.STRING)
          .addVar("record", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addVar("changes", SimpleType.DYN)
          .addVar("metadata", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addCompilerLibraries(CelExtensions.strings(), CelExtensions.encoders())
          .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.encoders())
          .addFunctionDeclarations(
              CelFunctionDecl.newFunctionDeclaration(
                  "json",
                  CelOverloadDecl.newGlobalOverload(
                      "json_dyn", "the value as JSON text", SimpleType.STRING, SimpleType.DYN)))
          .addFunctionBindings(CelFunctionBinding.from("json_dyn", Object.class, CelJson::write))
          .build();

  private FunctionCompiler() {}

  /**
   * Every function compiled.
   *
   * @throws ConfigException listing each function that does not compile, at {@code
   *     functions[i].expression}, with the position in the expression
   */
  public static Functions compile(List<FunctionConfig> functions) {
    Map<String, CompiledFunction> compiled = new LinkedHashMap<>();
    List<ConfigProblem> problems = new ArrayList<>();
    for (int i = 0; i < functions.size(); i++) {
      FunctionConfig function = functions.get(i);
      String path = "functions[" + i + "].expression";
      try {
        compiled.put(function.name(), compileOne(function));
      } catch (CelValidationException e) {
        e.getErrors().forEach(issue -> problems.add(problem(path, function, issue)));
      } catch (IllegalArgumentException e) {
        problems.add(new ConfigProblem(path, e.getMessage(), null, 0));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new Functions(compiled);
  }

  /** The problems {@link #compile} would report; empty when every function compiles. */
  public static List<ConfigProblem> problems(List<FunctionConfig> functions) {
    try {
      compile(functions);
      return List.of();
    } catch (ConfigException e) {
      return e.problems();
    }
  }

  private static CompiledFunction compileOne(FunctionConfig function)
      throws CelValidationException {
    if (function.expression() == null) {
      throw new IllegalArgumentException("function " + function.name() + ": has no expression");
    }
    CelAbstractSyntaxTree ast = CEL.compile(function.expression()).getAst();
    checkResultType(function, ast.getResultType())
        .ifPresent(
            message -> {
              throw new IllegalArgumentException("function " + function.name() + ": " + message);
            });
    try {
      return new CompiledFunction(function.name(), function.type(), CEL.createProgram(ast));
    } catch (CelEvaluationException e) {
      throw new IllegalArgumentException(
          "function " + function.name() + ": cannot be planned: " + e.getMessage(), e);
    }
  }

  /** Why the expression's static type does not suit the function's type, if it doesn't. */
  private static Optional<String> checkResultType(FunctionConfig function, CelType type) {
    CelKind kind = type.kind();
    if (kind == CelKind.DYN || kind == CelKind.ANY) {
      return Optional.empty(); // checked per message
    }
    if (function.type() == FunctionType.FILTER && kind != CelKind.BOOL) {
      return Optional.of("a filter must return a bool, but this expression returns " + type.name());
    }
    if (function.type() == FunctionType.ROUTING && kind != CelKind.MAP) {
      return Optional.of(
          "a routing function must return a map like {\"queue_url\": \"https://…\"}, but this"
              + " expression returns "
              + type.name());
    }
    return Optional.empty();
  }

  private static ConfigProblem problem(String path, FunctionConfig function, CelIssue issue) {
    var location = issue.getSourceLocation();
    String where =
        location.getLine() > 0
            ? " at line " + location.getLine() + ", column " + (location.getColumn() + 1)
            : "";
    return new ConfigProblem(
        path, "function " + function.name() + where + ": " + issue.getMessage(), null, 0);
  }
}
