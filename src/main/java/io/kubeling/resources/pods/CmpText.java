package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * go-cmp's text tree: lines, wrappers (a prefix and suffix around a node) and comma-separated
 * lists, which print on one line when they can and otherwise one record per line, indented with
 * tabs behind a two-character diff marker, with keys and trailing comments aligned in columns.
 */
final class CmpText {

    static final int MAX_COLUMN = 80;
    static final Line NIL = new Line("nil");
    static final Line ELLIPSIS = new Line("...");

    private CmpText() {
    }

    sealed interface Node permits Line, Wrap, ListNode {
        int len();

        boolean same(Node other);

        /** Writes the one-line form and returns this node with every part that fits on a line collapsed. */
        Node compact(StringBuilder b, int diff);

        void expand(StringBuilder b, int diff, int indent);
    }

    record Line(String text) implements Node {
        @Override
        public int len() {
            return text.length();
        }

        @Override
        public boolean same(Node other) {
            return other instanceof Line l && l.text.equals(text);
        }

        @Override
        public Node compact(StringBuilder b, int diff) {
            b.append(text);
            return this;
        }

        @Override
        public void expand(StringBuilder b, int diff, int indent) {
            b.append(text);
        }
    }

    record Wrap(String prefix, Node value, String suffix) implements Node {
        @Override
        public int len() {
            return prefix.length() + value.len() + suffix.length();
        }

        @Override
        public boolean same(Node other) {
            return other instanceof Wrap w && w.prefix.equals(prefix) && w.suffix.equals(suffix)
                    && w.value.same(value);
        }

        @Override
        public Node compact(StringBuilder b, int diff) {
            int start = b.length();
            b.append(prefix);
            Node inner = value.compact(b, diff);
            b.append(suffix);
            if (inner instanceof Line) {
                return new Line(b.substring(start));
            }
            return new Wrap(prefix, inner, suffix);
        }

        @Override
        public void expand(StringBuilder b, int diff, int indent) {
            b.append(prefix);
            value.expand(b, diff, indent);
            b.append(suffix);
        }

        /** The whole tree as go-cmp prints it: a leading indent, the body and a trailing newline. */
        String render() {
            Node compacted = compact(new StringBuilder(), 0);
            StringBuilder b = new StringBuilder();
            indent(b, 0, 0);
            compacted.expand(b, 0, 0);
            return b.append('\n').toString();
        }
    }

    /** One entry of a list; {@code comment} is a {@link Stats} or a plain string. */
    record Rec(int diff, String key, Node value, boolean elideComma, Object comment) {
        Rec(int diff, String key, Node value) {
            this(diff, key, value, false, null);
        }

        Rec withValue(Node v) {
            return new Rec(diff, key, v, elideComma, comment);
        }
    }

    record ListNode(List<Rec> recs) implements Node {

        ListNode() {
            this(new ArrayList<>());
        }

        void add(Rec r) {
            recs.add(r);
        }

        int size() {
            return recs.size();
        }

        /** Appends an ellipsis unless the list already ends in one, in which case the counts are merged. */
        void appendEllipsis(Stats stats) {
            boolean hasStats = stats != null && !stats.isZero();
            if (recs.isEmpty() || !recs.get(recs.size() - 1).value().same(ELLIPSIS)) {
                recs.add(new Rec(0, "", ELLIPSIS, true, hasStats ? stats : null));
                return;
            }
            if (hasStats) {
                Rec last = recs.get(recs.size() - 1);
                recs.set(recs.size() - 1,
                        new Rec(last.diff(), last.key(), last.value(), true, ((Stats) last.comment()).plus(stats)));
            }
        }

        @Override
        public int len() {
            int n = 0;
            for (int i = 0; i < recs.size(); i++) {
                Rec r = recs.get(i);
                n += r.key().length();
                if (!r.key().isEmpty()) {
                    n += 2;
                }
                n += r.value().len();
                if (i < recs.size() - 1) {
                    n += 2;
                }
            }
            return n;
        }

        @Override
        public boolean same(Node other) {
            if (!(other instanceof ListNode l) || l.recs.size() != recs.size()) {
                return false;
            }
            for (int i = 0; i < recs.size(); i++) {
                Rec a = recs.get(i);
                Rec b = l.recs.get(i);
                if (a.diff() != b.diff() || !a.key().equals(b.key()) || !a.value().same(b.value())
                        || !Objects.equals(a.comment(), b.comment())) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Node compact(StringBuilder b, int diff) {
            List<Rec> out = new ArrayList<>(recs);
            int start = b.length();
            boolean multiLine = false;
            for (int i = 0; i < out.size(); i++) {
                Rec r = out.get(i);
                if (r.diff() == '+' || r.diff() == '-') {
                    multiLine = true;
                }
                b.append(r.key());
                if (!r.key().isEmpty()) {
                    b.append(": ");
                }
                Node v = r.value().compact(b, diff | r.diff());
                out.set(i, r.withValue(v));
                if (!(v instanceof Line) || r.comment() != null) {
                    multiLine = true;
                }
                if (i < out.size() - 1) {
                    b.append(", ");
                }
            }
            if ((diff == '+' || diff == '-') && b.length() - start > MAX_COLUMN) {
                multiLine = true;
            }
            if (!multiLine) {
                return new Line(b.substring(start));
            }
            return new ListNode(out);
        }

        @Override
        public void expand(StringBuilder b, int diff, int indent) {
            int[] keyPad = align(r -> r.key().isEmpty() || !(r.value() instanceof Line), r -> r.key().length());
            int[] valuePad = align(r -> !(r.value() instanceof Line) || r.value().same(ELLIPSIS) || r.comment() == null,
                    r -> ((Line) r.value()).len());

            boolean simple = false;
            for (Rec r : recs) {
                simple = r.diff() == 0 && r.key().isEmpty() && r.value() instanceof Line && r.comment() == null;
                if (!simple) {
                    break;
                }
            }
            if (simple) {
                StringBuilder batch = new StringBuilder();
                for (Rec r : recs) {
                    String line = ((Line) r.value()).text();
                    if (batch.length() + line.length() + 2 > MAX_COLUMN) {
                        emit(b, batch, diff, indent + 1);
                    }
                    batch.append(line).append(", ");
                }
                emit(b, batch, diff, indent + 1);
                b.append('\n');
                indent(b, indent, diff);
                return;
            }

            for (int i = 0; i < recs.size(); i++) {
                Rec r = recs.get(i);
                b.append('\n');
                indent(b, indent + 1, diff | r.diff());
                if (!r.key().isEmpty()) {
                    b.append(r.key()).append(": ");
                }
                b.append(" ".repeat(keyPad[i]));
                r.value().expand(b, diff | r.diff(), indent + 1);
                if (!r.elideComma()) {
                    b.append(',');
                }
                b.append(" ".repeat(valuePad[i]));
                if (r.comment() != null) {
                    b.append(" // ").append(r.comment());
                }
            }
            b.append('\n');
            indent(b, indent, diff);
        }

        private static void emit(StringBuilder b, StringBuilder batch, int diff, int indent) {
            if (batch.length() > 0) {
                b.append('\n');
                indent(b, indent, diff);
                b.append(trimSpaces(batch.toString()));
                batch.setLength(0);
            }
        }

        private static String trimSpaces(String s) {
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == ' ') {
                end--;
            }
            return s.substring(0, end);
        }

        /** Padding that lines up a column across each run of records the skip test lets through. */
        private int[] align(java.util.function.Predicate<Rec> skip, java.util.function.ToIntFunction<Rec> length) {
            int[] pads = new int[recs.size()];
            int start = 0;
            int end = 0;
            int max = 0;
            for (int i = 0; i < recs.size(); i++) {
                Rec r = recs.get(i);
                if (skip.test(r)) {
                    for (int j = start; j < end; j++) {
                        pads[j] = max - length.applyAsInt(recs.get(j));
                    }
                    start = i + 1;
                    end = i + 1;
                    max = 0;
                } else {
                    max = Math.max(max, length.applyAsInt(r));
                    end = i + 1;
                }
            }
            for (int j = start; j < end; j++) {
                pads[j] = max - length.applyAsInt(recs.get(j));
            }
            return pads;
        }
    }

    /** go-cmp writes every line as a two-character diff marker and then one tab per level. */
    static void indent(StringBuilder b, int indent, int diff) {
        switch (diff) {
            case 0, ' ' -> b.append("  ");
            case '-' -> b.append("- ");
            case '+' -> b.append("+ ");
            default -> {
            }
        }
        b.append("\t".repeat(indent));
    }

    /** Counts of records left out of a list, printed as {@code ... // 3 identical fields}. */
    record Stats(String name, int ignored, int identical, int removed, int inserted, int modified) {

        static Stats of(String name) {
            return new Stats(name, 0, 0, 0, 0, 0);
        }

        boolean isZero() {
            return ignored == 0 && identical == 0 && removed == 0 && inserted == 0 && modified == 0;
        }

        int numDiff() {
            return removed + inserted + modified;
        }

        Stats plus(Stats o) {
            return new Stats(name, ignored + o.ignored, identical + o.identical, removed + o.removed,
                    inserted + o.inserted, modified + o.modified);
        }

        Stats withIdentical(int n) {
            return new Stats(name, ignored, n, removed, inserted, modified);
        }

        @Override
        public String toString() {
            String[] labels = {"ignored", "identical", "removed", "inserted", "modified"};
            int[] counts = {ignored, identical, removed, inserted, modified};
            List<String> parts = new ArrayList<>();
            int sum = 0;
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    parts.add(counts[i] + " " + labels[i]);
                }
                sum += counts[i];
            }
            String noun = name;
            if (sum > 1) {
                noun += "s";
                if (noun.endsWith("ys")) {
                    noun = noun.substring(0, noun.length() - 2) + "ies";
                }
            }
            return switch (parts.size()) {
                case 0 -> "";
                case 1, 2 -> String.join(" and ", parts) + " " + noun;
                default -> String.join(", ", parts.subList(0, parts.size() - 1)) + ", and "
                        + parts.get(parts.size() - 1) + " " + noun;
            };
        }
    }
}
