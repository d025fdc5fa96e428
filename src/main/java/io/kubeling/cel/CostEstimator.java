package io.kubeling.cel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;

/**
 * A static estimate of an expression's worst-case cost after cel-go's checker.CostEstimator: one
 * unit per variable, field and call, string functions a tenth of a unit per character,
 * comprehensions their body's cost times the largest size of the list or map they range over.
 * Sizes come from the schema that types the variables ({@link CelSizes}).
 */
final class CostEstimator {

    private static final Set<String> STRING_TRAVERSING = Set.of("contains", "startsWith", "endsWith", "lowerAscii",
            "upperAscii", "trim", "split", "replace", "find", "findAll", "indexOf", "lastIndexOf", "join", "substring",
            "charAt", "url", "isURL", "quantity", "isQuantity", "ip", "isIP", "cidr", "isCIDR",
            "string", "bytes", "base64.encode", "base64.decode", "format");
    private static final Set<String> LIST_TRAVERSING = Set.of("isSorted", "sum", "min", "max", "indexOf",
            "lastIndexOf", "@in", "sets.contains", "sets.equivalent", "sets.intersects", "join");

    private final CelSizes sizes;
    /** Comprehension variables, by name, to the path of what they range over. */
    private final Map<String, List<String>> bound = new HashMap<>();

    private CostEstimator(CelSizes sizes) {
        this.sizes = sizes;
    }

    static long estimate(CelAbstractSyntaxTree ast, CelSizes sizes) {
        return new CostEstimator(sizes).cost(ast.getExpr());
    }

    private long cost(CelExpr e) {
        switch (e.getKind()) {
            case CONSTANT:
                return 0;
            case IDENT:
                return 1;
            case SELECT:
                return add(1, cost(e.select().operand()));
            case LIST: {
                long c = 10;
                for (CelExpr x : e.list().elements()) {
                    c = add(c, cost(x));
                }
                return c;
            }
            case MAP: {
                long c = 30;
                for (CelExpr.CelMap.Entry x : e.map().entries()) {
                    c = add(c, add(cost(x.key()), cost(x.value())));
                }
                return c;
            }
            case STRUCT:
                return 40;
            case COMPREHENSION:
                return comprehension(e.comprehension());
            case CALL:
                return call(e.call());
            default:
                return 1;
        }
    }

    private long comprehension(CelExpr.CelComprehension c) {
        long range = cost(c.iterRange());
        long init = cost(c.accuInit());
        List<String> rangePath = path(c.iterRange());
        long n = rangePath == null ? CelSizes.UNBOUNDED : sizes.maxSize(rangePath);
        List<String> itemPath = null;
        if (rangePath != null) {
            itemPath = new ArrayList<>(rangePath);
            itemPath.add("@items");
        }
        List<String> saved = bound.put(c.iterVar(), itemPath);
        long body = add(cost(c.loopCondition()), cost(c.loopStep()));
        if (saved != null) {
            bound.put(c.iterVar(), saved);
        } else {
            bound.remove(c.iterVar());
        }
        return add(add(range, init), add(mul(n, add(body, 1)), cost(c.result())));
    }

    private long call(CelExpr.CelCall call) {
        long c = 0;
        if (call.target().isPresent()) {
            c = add(c, cost(call.target().get()));
        }
        for (CelExpr a : call.args()) {
            c = add(c, cost(a));
        }
        String f = call.function();
        switch (f) {
            case "_&&_", "_||_", "!_", "_?_:_", "@not_strictly_false":
                return c;
            default:
                break;
        }
        long own = 1;
        CelExpr subject = call.target().orElse(call.args().isEmpty() ? null : call.args().get(0));
        if (f.equals("matches")) {
            long text = subject == null ? CelSizes.UNBOUNDED : size(subject);
            long pattern = call.args().isEmpty() ? 1 : patternSize(call.args().get(call.args().size() - 1));
            own = add(1, mul(tenth(text), Math.max(1, (pattern + 3) / 4)));
        } else if (STRING_TRAVERSING.contains(f) && subject != null) {
            own = add(1, tenth(size(subject)));
        } else if (LIST_TRAVERSING.contains(f) && subject != null) {
            own = add(1, size(subject));
        }
        return add(c, own);
    }

    private long patternSize(CelExpr e) {
        if (e.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && e.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
            return e.constant().stringValue().length();
        }
        return size(e);
    }

    /** The largest size the value of an expression may have: a string's characters, a list's items. */
    private long size(CelExpr e) {
        if (e.getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
            CelConstant k = e.constant();
            if (k.getKind() == CelConstant.Kind.STRING_VALUE) {
                return k.stringValue().length();
            }
            return 1;
        }
        if (e.getKind() == CelExpr.ExprKind.Kind.LIST) {
            return e.list().elements().size();
        }
        List<String> p = path(e);
        return p == null ? CelSizes.UNBOUNDED : sizes.maxSize(p);
    }

    /** The schema path an expression reads (self.spec.items[0] is self, spec, items, @items), or null. */
    private List<String> path(CelExpr e) {
        switch (e.getKind()) {
            case IDENT: {
                String name = e.ident().name();
                if (bound.containsKey(name)) {
                    return bound.get(name);
                }
                List<String> p = new ArrayList<>();
                p.add(name);
                return p;
            }
            case SELECT: {
                List<String> p = path(e.select().operand());
                if (p == null) {
                    return null;
                }
                List<String> q = new ArrayList<>(p);
                q.add(e.select().field());
                return q;
            }
            case CALL: {
                CelExpr.CelCall c = e.call();
                if (c.function().equals("_[_]") && c.args().size() == 2) {
                    List<String> p = path(c.args().get(0));
                    if (p == null) {
                        return null;
                    }
                    List<String> q = new ArrayList<>(p);
                    q.add("@items");
                    return q;
                }
                return null;
            }
            default:
                return null;
        }
    }

    private static long tenth(long n) {
        return (n + 9) / 10;
    }

    private static long add(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static long mul(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return Long.MAX_VALUE / a < b ? Long.MAX_VALUE : a * b;
    }
}
