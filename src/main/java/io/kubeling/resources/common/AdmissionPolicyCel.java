package io.kubeling.resources.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.cel.common.types.CelType;
import io.kubeling.cel.Authz;
import io.kubeling.cel.CelCompileException;
import io.kubeling.cel.CelEngine;
import io.kubeling.cel.CelTypes;
import io.kubeling.cel.CelVariable;
import io.kubeling.cel.CompiledExpression;

/**
 * The CEL environment kube gives a ValidatingAdmissionPolicy's expressions, shared by the policy's validation at
 * write time and its enforcement: {@code object}, {@code oldObject}, {@code request} and {@code namespaceObject},
 * {@code request} typed as kube types it, {@code params} when the policy has a paramKind, kube's {@code authorizer},
 * and {@code variables}, each typed by what its expression yields, each seeing only the variables before it, as
 * kube's composited compiler. The objects are dynamic, as in kube's compile at write time.
 */
public final class AdmissionPolicyCel {

    /** What an expression must yield, as kube's ExpressionAccessor.ReturnTypes. */
    public enum Returns {
        BOOL, STRING, STRING_OR_NULL, ANY
    }

    /** A compiled expression, or kube's detail of why it did not compile. */
    public record Compiled(CompiledExpression program, String error) {
    }

    private static final Pattern IDENTIFIER = Pattern.compile("^[_a-zA-Z][_a-zA-Z0-9]*$");
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const",
            "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return",
            "var", "void", "while");
    private static final int MAX_ENGINES = 256;
    private static final CelType GVK = CelTypes.object("kubernetes.GroupVersionKind", Map.of("group", CelTypes.STRING,
            "version", CelTypes.STRING, "kind", CelTypes.STRING));
    private static final CelType GVR = CelTypes.object("kubernetes.GroupVersionResource", Map.of("group",
            CelTypes.STRING, "version", CelTypes.STRING, "resource", CelTypes.STRING));
    private static final CelType USER = CelTypes.object("kubernetes.UserInfo", Map.of("username", CelTypes.STRING,
            "uid", CelTypes.STRING, "groups", CelTypes.list(CelTypes.STRING), "extra",
            CelTypes.map(CelTypes.list(CelTypes.STRING))));
    /** kube's BuildRequestType: {@code request} is typed, so that {@code request.name} is a string. */
    private static final CelType REQUEST = CelTypes.object("kubernetes.AdmissionRequest", requestFields());
    private static final Map<String, CelEngine> ENGINES = new ConcurrentHashMap<>();

    private final boolean params;
    private final Map<String, CelType> variables = new LinkedHashMap<>();
    private CelEngine engine;

    private AdmissionPolicyCel(boolean params) {
        this.params = params;
    }

    /** An environment with no variables yet; {@code params} declared when the policy has a paramKind. */
    public static AdmissionPolicyCel environment(boolean params) {
        return new AdmissionPolicyCel(params);
    }

    /** kube's isCELIdentifier, for variable names. */
    public static boolean isIdentifier(String name) {
        return IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name);
    }

    public Compiled compile(String expression, Returns returns) {
        CompiledExpression program;
        try {
            program = engine().compile(expression);
        } catch (CelCompileException e) {
            return new Compiled(null, "compilation failed: " + e.getMessage());
        }
        String mismatch = mismatch(program.resultType(), returns);
        return mismatch == null ? new Compiled(program, null) : new Compiled(null, mismatch);
    }

    /** Compiles a variable against those before it; later expressions see it typed by its result. */
    public Compiled addVariable(String name, String expression) {
        Compiled compiled = compile(expression, Returns.ANY);
        variables.put(name, compiled.program() == null ? CelTypes.DYN : compiled.program().resultType());
        engine = null;
        return compiled;
    }

    public List<String> variableNames() {
        return new ArrayList<>(variables.keySet());
    }

    private static Map<String, CelType> requestFields() {
        Map<String, CelType> fields = new LinkedHashMap<>();
        fields.put("kind", GVK);
        fields.put("resource", GVR);
        fields.put("subResource", CelTypes.STRING);
        fields.put("requestKind", GVK);
        fields.put("requestResource", GVR);
        fields.put("requestSubResource", CelTypes.STRING);
        fields.put("name", CelTypes.STRING);
        fields.put("namespace", CelTypes.STRING);
        fields.put("operation", CelTypes.STRING);
        fields.put("userInfo", USER);
        fields.put("dryRun", CelTypes.BOOL);
        fields.put("options", CelTypes.DYN);
        return fields;
    }

    /** kube's check of the result type, in its words: {@code must evaluate to bool but got dyn}. */
    private static String mismatch(CelType type, Returns returns) {
        String got = " but got " + goName(type);
        return switch (returns) {
            case BOOL -> type.equals(CelTypes.BOOL) ? null : "must evaluate to bool" + got;
            case STRING -> type.equals(CelTypes.STRING) ? null : "must evaluate to string" + got;
            case STRING_OR_NULL -> type.equals(CelTypes.STRING) || type.name().equals("null_type") ? null
                    : "must evaluate to one of [string null_type]" + got;
            case ANY -> null;
        };
    }

    /** A type as cel-go's Type.String() prints it: {@code list(int)}, {@code map(string, dyn)}. */
    private static String goName(CelType type) {
        if (type.parameters().isEmpty()) {
            return type.name();
        }
        List<String> parameters = new ArrayList<>();
        type.parameters().forEach(p -> parameters.add(goName(p)));
        return type.name() + "(" + String.join(", ", parameters) + ")";
    }

    private CelEngine engine() {
        if (engine == null) {
            String key = params + "|" + variables;
            CelEngine cached = ENGINES.get(key);
            if (cached == null) {
                List<CelVariable> declared = new ArrayList<>(List.of(CelVariable.dyn("object"),
                        CelVariable.dyn("oldObject"), new CelVariable("request", REQUEST), CelVariable.dyn("namespaceObject"),
                        new CelVariable("variables", CelTypes.object("kubernetes.variables", variables))));
                if (params) {
                    declared.add(CelVariable.dyn("params"));
                }
                declared.addAll(Authz.VARIABLES);
                cached = CelEngine.create(declared);
                if (ENGINES.size() >= MAX_ENGINES) {
                    ENGINES.clear();
                }
                ENGINES.put(key, cached);
            }
            engine = cached;
        }
        return engine;
    }
}
