package io.kubeling.cel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.StructType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;

/**
 * CEL as kube-apiserver configures it for its rules: the standard library and macros, optional
 * syntax, kube's string, list, set and regex functions, with the declared variables.
 */
public final class CelEngine {

    /** kube's per-call limit on iterations, a stand-in for its runtime cost budget. */
    static final int MAX_ITERATIONS = 1_000_000;

    static final CelOptions OPTIONS = CelOptions.current()
            .enableOptionalSyntax(true)
            .enableHeterogeneousNumericComparisons(true)
            .enableTimestampEpoch(true)
            .comprehensionMaxIterations(MAX_ITERATIONS)
            .populateMacroCalls(true)
            .build();

    private final Cel cel;

    private CelEngine(Cel cel) {
        this.cel = cel;
    }

    /** An environment declaring these variables. */
    public static CelEngine create(List<CelVariable> variables) {
        CelBuilder builder = CelFactory.standardCelBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.optional(), CelExtensions.sets(OPTIONS),
                        CelExtensions.encoders(OPTIONS), CelExtensions.math(OPTIONS))
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.optional(), CelExtensions.sets(OPTIONS),
                        CelExtensions.encoders(OPTIONS), CelExtensions.math(OPTIONS));
        KubeLibrary.install(builder);
        // kube declares the authorizer's functions only where it declares the authorizer (admission)
        if (variables.stream().anyMatch(Authz.VARIABLES::contains)) {
            Authz.install(builder);
        }
        Map<String, CelType> structs = new LinkedHashMap<>();
        for (CelVariable v : variables) {
            builder.addVar(v.name(), v.type());
            collectStructs(v.type(), structs);
        }
        if (!structs.isEmpty()) {
            builder.setTypeProvider(new StructTypes(structs));
        }
        return new CelEngine(builder.build());
    }

    /** Object types (schema objects typed field by field) reachable from a variable's type. */
    private static void collectStructs(CelType type, Map<String, CelType> into) {
        if (type instanceof StructType st) {
            if (into.putIfAbsent(st.name(), st) != null) {
                return;
            }
            for (StructType.Field f : st.fields()) {
                collectStructs(f.type(), into);
            }
        }
        for (CelType parameter : type.parameters()) {
            collectStructs(parameter, into);
        }
    }

    /** Parses and type-checks; the exception's message is cel-go's list of issues. */
    public CompiledExpression compile(String expression) throws CelCompileException {
        CelValidationResult result;
        try {
            result = cel.compile(expression);
        } catch (RuntimeException e) {
            throw new CelCompileException("ERROR: <input>:1:1: " + e.getMessage());
        }
        if (result.hasError()) {
            throw new CelCompileException(CelMessages.compileErrors(result.getErrorString()));
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new CompiledExpression(expression, ast, cel.createProgram(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new CelCompileException(e.getMessage());
        }
    }

    /** The object types of the variables, by name. */
    private record StructTypes(Map<String, CelType> byName) implements CelTypeProvider {

        @Override
        public ImmutableCollection<CelType> types() {
            return ImmutableList.copyOf(byName.values());
        }

        @Override
        public Optional<CelType> findType(String name) {
            return Optional.ofNullable(byName.get(name));
        }
    }
}
