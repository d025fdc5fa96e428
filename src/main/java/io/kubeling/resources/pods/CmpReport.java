package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import io.kubeling.registry.validation.GoQuote;
import io.kubeling.resources.pods.CmpText.Line;
import io.kubeling.resources.pods.CmpText.ListNode;
import io.kubeling.resources.pods.CmpText.Node;
import io.kubeling.resources.pods.CmpText.Rec;
import io.kubeling.resources.pods.CmpText.Stats;
import io.kubeling.resources.pods.CmpText.Wrap;

/**
 * go-cmp's default reporter ({@code cmp.Diff}), which kube appends to the error for a forbidden
 * pod update: the changed parts of the two values in pseudo-Go syntax, with two records of context
 * around each change and the rest counted in {@code ... // N identical fields} comments. Lines use
 * regular spaces, which go-cmp chooses in its deterministic mode (it otherwise flips a coin per
 * process between spaces and non-breaking spaces).
 */
final class CmpReport {

    private static final int CONTEXT_RECORDS = 2;
    private static final int MAX_VERBOSITY_PRESET = 6;

    private enum TypeMode {
        EMIT, ELIDE, AUTO
    }

    private record Opts(int diffMode, TypeMode typeMode, int verbosityLevel, boolean limitVerbosity,
            boolean avoidStringer) {

        Opts withDiffMode(int d) {
            return new Opts(d, typeMode, verbosityLevel, limitVerbosity, avoidStringer);
        }

        Opts withTypeMode(TypeMode t) {
            return new Opts(diffMode, t, verbosityLevel, limitVerbosity, avoidStringer);
        }

        Opts withVerbosity(int level) {
            return new Opts(diffMode, typeMode, level, true, avoidStringer);
        }

        Opts lessVerbose() {
            return new Opts(diffMode, typeMode, verbosityLevel - 1, limitVerbosity, avoidStringer);
        }

        int verbosity() {
            return Math.max(0, Math.min(16, verbosityLevel));
        }

        /** go-cmp's escalation when two differing values print the same: more detail, no String methods. */
        Opts preset(int i) {
            return new Opts(diffMode, typeMode, verbosity() + 2 * i, limitVerbosity, avoidStringer || i > 0);
        }
    }

    private CmpReport() {
    }

    /** The report for two values of one type, or "" when they are equal. */
    static String diff(GoType type, GoValue x, GoValue y) {
        CmpNode root = CmpNode.compare(type, x, y);
        if (root.equal()) {
            return "";
        }
        Node text = formatDiff(root, new Opts(0, TypeMode.EMIT, 0, false, false));
        Wrap top = text instanceof Wrap w ? w : new Wrap("", text, "");
        return top.render();
    }

    private static Node formatDiff(CmpNode v, Opts opts) {
        if (opts.diffMode() == ' ') {
            opts = opts.withVerbosity(1);
        } else if (opts.verbosity() < 3) {
            opts = opts.withVerbosity(3);
        }
        if (canFormatDiffSlice(v, opts)) {
            return formatDiffSlice(v, opts);
        }
        if (v.maxDepth == 0) {
            switch (opts.diffMode()) {
                case 0, ' ' -> {
                    if (v.numDiff == 0) {
                        Node outx = formatValue(v.x, opts);
                        Node outy = formatValue(v.y, opts);
                        return outx.len() < outy.len() ? outx : outy;
                    }
                    Opts elide = opts.withTypeMode(TypeMode.ELIDE);
                    Node outx = formatValue(v.x, elide);
                    Node outy = formatValue(v.y, elide);
                    for (int i = 0; i <= MAX_VERBOSITY_PRESET && outx != null && outy != null && outx.same(outy); i++) {
                        Opts o2 = opts.preset(i).withTypeMode(TypeMode.ELIDE);
                        outx = formatValue(v.x, o2);
                        outy = formatValue(v.y, o2);
                    }
                    ListNode list = new ListNode();
                    if (outx != null) {
                        list.add(new Rec('-', "", outx));
                    }
                    if (outy != null) {
                        list.add(new Rec('+', "", outy));
                    }
                    return formatType(v.type, list, opts.withTypeMode(TypeMode.EMIT));
                }
                case '-' -> {
                    return formatValue(v.x, opts);
                }
                default -> {
                    return formatValue(v.y, opts);
                }
            }
        }
        return switch (v.type.kind()) {
            case PTR -> new Wrap("&", formatDiff(v.value, opts), "");
            default -> formatType(v.type, formatDiffList(v.records, v.type.kind(), opts), opts);
        };
    }

    private static Node formatDiffList(List<CmpNode.Record> recs, GoType.Kind kind, Opts opts) {
        String name;
        switch (kind) {
            case STRUCT -> {
                name = "field";
                opts = opts.withTypeMode(TypeMode.AUTO);
            }
            case SLICE -> {
                name = "element";
                opts = opts.withTypeMode(TypeMode.ELIDE);
            }
            default -> {
                name = "entry";
                opts = opts.withTypeMode(TypeMode.ELIDE);
            }
        }
        int maxLen = -1;
        if (opts.limitVerbosity()) {
            maxLen = opts.diffMode() == ' '
                    ? ((1 << opts.verbosity()) >> 1) << 2
                    : (1 << opts.verbosity()) << 1;
            opts = opts.lessVerbose();
        }

        if (opts.diffMode() != 0) {
            ListNode list = new ListNode();
            boolean deferredEllipsis = false;
            for (CmpNode.Record r : recs) {
                if (list.size() == maxLen) {
                    deferredEllipsis = true;
                    break;
                }
                if (kind == GoType.Kind.STRUCT) {
                    boolean zero = switch (opts.diffMode()) {
                        case ' ' -> r.node().x.isZero() || r.node().y.isZero();
                        case '-' -> r.node().x.isZero();
                        default -> r.node().y.isZero();
                    };
                    if (zero) {
                        continue;
                    }
                }
                Node out = formatDiff(r.node(), opts);
                if (out != null) {
                    list.add(new Rec(0, key(r), out));
                }
            }
            if (deferredEllipsis) {
                list.appendEllipsis(null);
            }
            return new Wrap("{", list, "}");
        }

        ListNode list = new ListNode();
        int numDiffs = 0;
        List<Stats> groups = coalesce(name, recs);
        Stats maxGroup = Stats.of(name);
        int pos = 0;
        for (int i = 0; i < groups.size(); i++) {
            Stats ds = groups.get(i);
            if (maxLen >= 0 && numDiffs >= maxLen) {
                maxGroup = maxGroup.plus(ds);
                continue;
            }
            if (ds.numDiff() == 0) {
                int numEqual = ds.ignored() + ds.identical();
                int numLo = 0;
                int numHi = 0;
                while (numLo < CONTEXT_RECORDS && numLo + numHi < numEqual && i != 0) {
                    numLo++;
                }
                while (numHi < CONTEXT_RECORDS && numLo + numHi < numEqual && i != groups.size() - 1) {
                    numHi++;
                }
                if (numEqual - (numLo + numHi) == 1 && ds.ignored() == 0) {
                    numHi++;
                }
                for (CmpNode.Record r : recs.subList(pos, pos + numLo)) {
                    list.add(new Rec(0, key(r), formatDiff(r.node(), opts.withDiffMode(' '))));
                }
                if (numEqual > numLo + numHi) {
                    list.appendEllipsis(ds.withIdentical(ds.identical() - (numLo + numHi)));
                }
                for (CmpNode.Record r : recs.subList(pos + numEqual - numHi, pos + numEqual)) {
                    list.add(new Rec(0, key(r), formatDiff(r.node(), opts.withDiffMode(' '))));
                }
                pos += numEqual;
                continue;
            }
            for (CmpNode.Record r : recs.subList(pos, pos + ds.numDiff())) {
                CmpNode n = r.node();
                if (canFormatDiffSlice(n, opts)) {
                    list.add(new Rec(0, key(r), formatDiffSlice(n, opts)));
                } else if (n.numChildren == n.maxDepth) {
                    Node outx = formatDiff(n, opts.withDiffMode('-'));
                    Node outy = formatDiff(n, opts.withDiffMode('+'));
                    for (int p = 0; p <= MAX_VERBOSITY_PRESET && outx != null && outy != null && outx.same(outy); p++) {
                        Opts o2 = opts.preset(p);
                        outx = formatDiff(n, o2.withDiffMode('-'));
                        outy = formatDiff(n, o2.withDiffMode('+'));
                    }
                    if (outx != null) {
                        list.add(new Rec('-', key(r), outx));
                    }
                    if (outy != null) {
                        list.add(new Rec('+', key(r), outy));
                    }
                } else {
                    list.add(new Rec(0, key(r), formatDiff(n, opts)));
                }
            }
            pos += ds.numDiff();
            numDiffs += ds.numDiff();
        }
        if (!maxGroup.isZero()) {
            list.appendEllipsis(maxGroup);
        }
        return new Wrap("{", list, "}");
    }

    private static String key(CmpNode.Record r) {
        if (r.key() == null) {
            return "";
        }
        if (r.keyType() == null) {
            return r.key();
        }
        return mapKey(r.key(), r.keyType());
    }

    private static List<Stats> coalesce(String name, List<CmpNode.Record> recs) {
        List<Stats> groups = new ArrayList<>();
        int prevCase = 0;
        for (CmpNode.Record r : recs) {
            CmpNode n = r.node();
            int thisCase = n.numDiff == 0 ? 1 : 2;
            if (prevCase != thisCase) {
                groups.add(Stats.of(name));
                prevCase = thisCase;
            }
            Stats last = groups.get(groups.size() - 1);
            Stats add;
            if (n.numDiff == 0) {
                add = new Stats(name, 0, 1, 0, 0, 0);
            } else if (n.y == null) {
                add = new Stats(name, 0, 0, 1, 0, 0);
            } else if (n.x == null) {
                add = new Stats(name, 0, 0, 0, 1, 0);
            } else {
                add = new Stats(name, 0, 0, 0, 0, 1);
            }
            groups.set(groups.size() - 1, last.plus(add));
        }
        return groups;
    }

    private static Node formatType(GoType t, Node s, Opts opts) {
        switch (opts.typeMode()) {
            case AUTO -> {
                boolean composite = switch (t.kind()) {
                    case STRUCT, SLICE, MAP, QUANTITY -> true;
                    default -> false;
                };
                if (!composite || s.same(CmpText.NIL) || opts.diffMode() == ' ') {
                    return s;
                }
            }
            case ELIDE -> {
                return s;
            }
            default -> {
            }
        }
        String typeName = t.name();
        if (!t.named() && t.kind() == GoType.Kind.PTR) {
            typeName = "(" + typeName + ")";
        }
        return new Wrap(typeName, wrapParens(s), "");
    }

    private static Node wrapParens(Node s) {
        if (s instanceof Wrap w) {
            boolean parens = w.prefix().startsWith("(") && w.suffix().endsWith(")");
            boolean braces = w.prefix().startsWith("{") && w.suffix().endsWith("}");
            if (parens || braces) {
                return s;
            }
        }
        return new Wrap("(", s, ")");
    }

    private static Node formatValue(GoValue v, Opts opts) {
        if (v == null) {
            return null;
        }
        GoType t = v.type();
        if (!opts.avoidStringer()) {
            if (t.stringer() && v instanceof GoValue.Str s) {
                return formatString("s", s.value(), opts);
            }
            if (v instanceof GoValue.Ptr p && p.elem() instanceof GoValue.Quantity q && q.amount() != null) {
                String text = ((GoValue.Str) q.shape().fields().get(2)).value();
                return formatString("s", text.isEmpty() ? CanonicalQuantity.format(q.amount(), format(q)) : text, opts);
            }
        }
        Node out;
        if (v instanceof GoValue.Bool b) {
            out = new Line(Boolean.toString(b.value()));
        } else if (v instanceof GoValue.Int i) {
            out = new Line(Long.toString(i.value()));
        } else if (v instanceof GoValue.Str s) {
            out = formatString("", s.value(), opts);
        } else if (v instanceof GoValue.Quantity q) {
            out = structBody(q.shape(), opts);
        } else if (v instanceof GoValue.Opaque o) {
            return formatValue(o.shape(), opts);
        } else if (v instanceof GoValue.Struct s) {
            out = structBody(s, opts);
        } else if (v instanceof GoValue.Slice s) {
            out = s.elems() == null ? CmpText.NIL : elements(s, opts);
        } else if (v instanceof GoValue.MapV m) {
            out = m.entries() == null ? CmpText.NIL : entries(m, opts);
        } else {
            GoValue.Ptr p = (GoValue.Ptr) v;
            if (p.elem() != null) {
                return new Wrap("&", formatValue(p.elem(), opts), "");
            }
            out = CmpText.NIL;
        }
        return formatType(t, out, opts);
    }

    private static Node elements(GoValue.Slice s, Opts opts) {
        int maxLen = s.elems().size();
        Opts o = opts;
        if (o.limitVerbosity()) {
            maxLen = ((1 << o.verbosity()) >> 1) << 2;
            o = o.lessVerbose();
        }
        ListNode list = new ListNode();
        for (GoValue e : s.elems()) {
            if (list.size() == maxLen) {
                list.appendEllipsis(null);
                break;
            }
            list.add(new Rec(0, "", formatValue(e, o.withTypeMode(TypeMode.ELIDE))));
        }
        return new Wrap("{", list, "}");
    }

    private static Node entries(GoValue.MapV m, Opts opts) {
        int maxLen = m.entries().size();
        Opts o = opts;
        if (o.limitVerbosity()) {
            maxLen = ((1 << o.verbosity()) >> 1) << 2;
            o = o.lessVerbose();
        }
        ListNode list = new ListNode();
        for (var e : m.entries().entrySet()) {
            if (list.size() == maxLen) {
                list.appendEllipsis(null);
                break;
            }
            list.add(new Rec(0, mapKey(e.getKey(), m.type().key()),
                    formatValue(e.getValue(), o.withTypeMode(TypeMode.ELIDE))));
        }
        return new Wrap("{", list, "}");
    }

    private static Node structBody(GoValue.Struct s, Opts opts) {
        List<GoType.Field> fields = s.type().fields();
        int maxLen = fields.size();
        Opts o = opts;
        if (o.limitVerbosity()) {
            maxLen = ((1 << o.verbosity()) >> 1) << 2;
            o = o.lessVerbose();
        }
        ListNode list = new ListNode();
        for (int i = 0; i < fields.size(); i++) {
            GoValue fv = s.fields().get(i);
            if (fv.isZero()) {
                continue;
            }
            if (list.size() == maxLen) {
                list.appendEllipsis(null);
                break;
            }
            list.add(new Rec(0, fields.get(i).name(), formatValue(fv, o.withTypeMode(TypeMode.AUTO))));
        }
        return new Wrap("{", list, "}");
    }

    private static String format(GoValue.Quantity q) {
        return ((GoValue.Str) q.shape().fields().get(3)).value();
    }

    private static String mapKey(String key, GoType keyType) {
        Opts opts = new Opts(' ', TypeMode.ELIDE, MAX_VERBOSITY_PRESET, true, false);
        return ((Line) formatValue(new GoValue.Str(keyType, key), opts)).text().strip();
    }

    private static Node formatString(String prefix, String s, Opts opts) {
        int maxLen = s.length();
        int maxLines = (int) s.chars().filter(c -> c == '\n').count() + 1;
        if (opts.limitVerbosity()) {
            maxLen = (1 << opts.verbosity()) << 5;
            maxLines = (1 << opts.verbosity()) << 2;
        }
        String trimmed = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        String[] lines = trimmed.split("\n", -1);
        boolean triple = lines.length >= 4 && (opts.diffMode() == '-' || opts.diffMode() == '+');
        for (int i = 0; i < lines.length && triple; i++) {
            String line = trimCarriageReturns(lines[i]);
            lines[i] = line;
            String withoutPrefix = line.startsWith(prefix) ? line.substring(prefix.length()) : line;
            triple = !withoutPrefix.startsWith("\"\"\"") && !line.startsWith("...") && printable(line)
                    && line.length() <= maxLen;
        }
        if (triple) {
            ListNode list = new ListNode();
            list.add(new Rec(opts.diffMode(), "", new Line(prefix + "\"\"\""), true, null));
            for (int i = 0; i < lines.length; i++) {
                int elided = lines.length - i;
                if (i == maxLines - 1 && elided > 1) {
                    list.add(new Rec(opts.diffMode(), "", CmpText.ELLIPSIS, true, elided + " elided lines"));
                    break;
                }
                list.add(new Rec(opts.diffMode(), "", new Line(lines[i]), true, null));
            }
            list.add(new Rec(opts.diffMode(), "", new Line(prefix + "\"\"\""), true, null));
            return new Wrap("(", list, ")");
        }
        if (s.length() > maxLen + 3) {
            return new Line(prefix + GoStrings.literal(s.substring(0, maxLen)) + "...");
        }
        return new Line(prefix + GoStrings.literal(s));
    }

    private static String trimCarriageReturns(String line) {
        String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        return l.startsWith("\r") ? l.substring(1) : l;
    }

    private static boolean printable(String line) {
        return line.codePoints().allMatch(c -> c == '\t' || GoQuote.isPrint(c));
    }

    /** go-cmp's special layout for long strings and for slices of numbers: a diff in chunks. */
    private static boolean canFormatDiffSlice(CmpNode v, Opts opts) {
        if (opts.diffMode() != 0 || v.numDiff == 0 || v.x == null || v.y == null) {
            return false;
        }
        if (v.numCompared > 1 || (v.numCompared == 1 && v.type.named())) {
            return false;
        }
        return switch (v.type.kind()) {
            case STRING -> ((GoValue.Str) v.x).value().length() >= 64 && ((GoValue.Str) v.y).value().length() >= 64;
            case SLICE -> {
                GoValue.Slice sx = (GoValue.Slice) v.x;
                GoValue.Slice sy = (GoValue.Slice) v.y;
                GoType.Kind ek = v.type.elem().kind();
                if (sx.length() == 0 || sy.length() == 0 || (ek != GoType.Kind.INT && ek != GoType.Kind.BOOL)) {
                    yield false;
                }
                yield v.numDiff > v.numSame || (sx.length() >= 64 && sy.length() >= 64);
            }
            default -> false;
        };
    }

    private static Node formatDiffSlice(CmpNode v, Opts opts) {
        GoType t = v.type;
        if (t.kind() == GoType.Kind.STRING) {
            String sx = ((GoValue.Str) v.x).value();
            String sy = ((GoValue.Str) v.y).value();
            int numLines = 0;
            int lastLine = 0;
            int maxLineLen = 0;
            String both = sx + sy;
            for (int i = 0; i < both.length(); i++) {
                if (both.charAt(i) == '\n') {
                    maxLineLen = Math.max(maxLineLen, i - lastLine);
                    lastLine = i + 1;
                    numLines++;
                }
            }
            if (numLines >= 4 && maxLineLen <= 1024) {
                return linedText(t, sx, sy, opts);
            }
            ListNode list = chunkedDiff(chunksOf(sx), chunksOf(sy), 64, "byte", opts,
                    (chunk, d) -> new Rec(d, "", new Line(GoStrings.literal(String.join("", chunk)))));
            Node out = new Wrap("strings.Join(", new Wrap("{", list, "}"), ", " + GoQuote.quote("") + ")");
            return t.named() ? formatType(t, out, opts) : out;
        }
        List<String> ex = new ArrayList<>();
        List<String> ey = new ArrayList<>();
        ((GoValue.Slice) v.x).elems().forEach(e -> ex.add(leafText(e)));
        ((GoValue.Slice) v.y).elems().forEach(e -> ey.add(leafText(e)));
        int chunk = t.elem().kind() == GoType.Kind.BOOL ? 16 : 8;
        String name = t.elem().kind() == GoType.Kind.BOOL ? "bool" : t.elem().name();
        ListNode list = chunkedDiff(ex, ey, chunk, name, opts,
                (c, d) -> new Rec(d, "", new Line(String.join(", ", c))));
        return formatType(t, new Wrap("{", list, "}"), opts);
    }

    private static String leafText(GoValue v) {
        if (v instanceof GoValue.Int i) {
            return Long.toString(i.value());
        }
        return v instanceof GoValue.Bool b ? Boolean.toString(b.value()) : String.valueOf(v);
    }

    private static List<String> chunksOf(String s) {
        List<String> chars = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            chars.add(String.valueOf(s.charAt(i)));
        }
        return chars;
    }

    /**
     * Multi-line strings diffed line by line: between triple quotes when that stays unambiguous,
     * otherwise as a {@code strings.Join} of quoted lines.
     */
    private static Node linedText(GoType t, String sx, String sy, Opts opts) {
        List<String> lx = List.of(sx.split("\n", -1));
        List<String> ly = List.of(sy.split("\n", -1));
        ListNode list = chunkedDiff(lx, ly, 1, "line", opts, (c, d) -> new Rec(d, "", new Line(c.get(0))));
        boolean triple = true;
        Set<String> prevRemoved = new HashSet<>();
        Set<String> prevInserted = new HashSet<>();
        ListNode list2 = new ListNode();
        list2.add(new Rec(0, "", new Line("\"\"\""), true, null));
        for (Rec r : list.recs()) {
            if (!r.value().same(CmpText.ELLIPSIS)) {
                String line = trimCarriageReturns(((Line) r.value()).text());
                String norm = line.codePoints().filter(c -> !Character.isWhitespace(c))
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
                triple = !line.startsWith("\"\"\"") && !line.startsWith("...") && printable(line);
                if (r.diff() == '-') {
                    triple = triple && !prevInserted.contains(norm);
                    prevRemoved.add(norm);
                } else if (r.diff() == '+') {
                    triple = triple && !prevRemoved.contains(norm);
                    prevInserted.add(norm);
                }
                if (!triple) {
                    break;
                }
                r = new Rec(r.diff(), "", new Line(line), true, r.comment());
            }
            if (r.diff() != '-' && r.diff() != '+') {
                prevRemoved.clear();
                prevInserted.clear();
            }
            list2.add(r);
        }
        Node out;
        if (triple) {
            Rec last = list2.recs().get(list2.size() - 1);
            if (last.diff() == ' ' && last.value() instanceof Line l && l.text().isEmpty()) {
                list2.recs().remove(list2.size() - 1);
            }
            list2.add(new Rec(0, "", new Line("\"\"\""), true, null));
            out = new Wrap("(", list2, ")");
        } else {
            ListNode quoted = new ListNode();
            for (Rec r : list.recs()) {
                quoted.add(r.value().same(CmpText.ELLIPSIS) ? r
                        : r.withValue(new Line(GoStrings.literal(((Line) r.value()).text()))));
            }
            out = new Wrap("strings.Join(", new Wrap("{", quoted, "}"), ", " + GoQuote.quote("\n") + ")");
        }
        return t.named() ? formatType(t, out, opts) : out;
    }

    private static ListNode chunkedDiff(List<String> vx, List<String> vy, int chunkSize, String name, Opts opts,
            BiFunction<List<String>, Integer, Rec> makeRec) {
        List<EditScript.Edit> es = EditScript.difference(vx.size(), vy.size(),
                (ix, iy) -> EditScript.Result.of(vx.get(ix).equals(vy.get(iy))));
        ListNode list = new ListNode();
        int maxLen = -1;
        if (opts.limitVerbosity()) {
            maxLen = (1 << opts.verbosity()) << 2;
        }
        List<Stats> groups = coalesceInterveningIdentical(coalesceEdits(name, es), chunkSize / 4);
        Stats maxGroup = Stats.of(name);
        int numDiffs = 0;
        int px = 0;
        int py = 0;
        for (int i = 0; i < groups.size(); i++) {
            Stats ds = groups.get(i);
            if (maxLen >= 0 && numDiffs >= maxLen) {
                maxGroup = maxGroup.plus(ds);
                continue;
            }
            if (ds.numDiff() == 0) {
                int numEqual = ds.ignored() + ds.identical();
                int numLo = 0;
                int numHi = 0;
                while (numLo < chunkSize * CONTEXT_RECORDS && numLo + numHi < numEqual && i != 0) {
                    numLo++;
                }
                while (numHi < chunkSize * CONTEXT_RECORDS && numLo + numHi < numEqual && i != groups.size() - 1) {
                    numHi++;
                }
                if (numEqual - (numLo + numHi) <= chunkSize && ds.ignored() == 0) {
                    numHi = numEqual - numLo;
                }
                appendChunks(list, vx.subList(px, px + numLo), chunkSize, ' ', makeRec);
                if (numEqual > numLo + numHi) {
                    list.appendEllipsis(ds.withIdentical(ds.identical() - (numLo + numHi)));
                }
                appendChunks(list, vx.subList(px + numEqual - numHi, px + numEqual), chunkSize, ' ', makeRec);
                px += numEqual;
                py += numEqual;
                continue;
            }
            int before = list.size();
            int nx = ds.identical() + ds.removed() + ds.modified();
            appendChunks(list, vx.subList(px, px + nx), chunkSize, '-', makeRec);
            px += nx;
            int ny = ds.identical() + ds.inserted() + ds.modified();
            appendChunks(list, vy.subList(py, py + ny), chunkSize, '+', makeRec);
            py += ny;
            numDiffs += list.size() - before;
        }
        if (!maxGroup.isZero()) {
            list.appendEllipsis(maxGroup);
        }
        return list;
    }

    private static void appendChunks(ListNode list, List<String> v, int chunkSize, int diff,
            BiFunction<List<String>, Integer, Rec> makeRec) {
        for (int i = 0; i < v.size(); i += chunkSize) {
            list.add(makeRec.apply(v.subList(i, Math.min(v.size(), i + chunkSize)), diff));
        }
    }

    private static List<Stats> coalesceEdits(String name, List<EditScript.Edit> es) {
        List<Stats> groups = new ArrayList<>();
        int prevCase = 0;
        for (EditScript.Edit e : es) {
            int thisCase = e == EditScript.Edit.IDENTITY ? 1 : 2;
            if (prevCase != thisCase) {
                groups.add(Stats.of(name));
                prevCase = thisCase;
            }
            Stats last = groups.get(groups.size() - 1);
            Stats add = switch (e) {
                case IDENTITY -> new Stats(name, 0, 1, 0, 0, 0);
                case UNIQUE_X -> new Stats(name, 0, 0, 1, 0, 0);
                case UNIQUE_Y -> new Stats(name, 0, 0, 0, 1, 0);
                case MODIFIED -> new Stats(name, 0, 0, 0, 0, 1);
            };
            groups.set(groups.size() - 1, last.plus(add));
        }
        return groups;
    }

    /** Folds short runs of equal elements between two changes into the changes around them. */
    private static List<Stats> coalesceInterveningIdentical(List<Stats> groups, int window) {
        List<Stats> out = new ArrayList<>();
        for (Stats ds : groups) {
            if (out.size() >= 2 && ds.numDiff() > 0) {
                Stats prev = out.get(out.size() - 2);
                Stats curr = out.get(out.size() - 1);
                boolean hadX = prev.removed() > 0;
                boolean hadY = prev.inserted() > 0;
                boolean hasX = ds.removed() > 0;
                boolean hasY = ds.inserted() > 0;
                if ((hadX || hasX) && (hadY || hasY) && curr.identical() <= window) {
                    out.set(out.size() - 2, prev.plus(curr).plus(ds));
                    out.remove(out.size() - 1);
                    continue;
                }
            }
            out.add(ds);
        }
        return out;
    }
}
