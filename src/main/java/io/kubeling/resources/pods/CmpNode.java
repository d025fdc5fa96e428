package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One node of go-cmp's comparison of two values: either a leaf, compared directly, or a struct,
 * slice, map or pointer with child nodes. The counters are what go-cmp's reporter decides the
 * layout from. A null side means the value is missing there (an element or entry only one side has).
 */
final class CmpNode {

    /** A struct field, slice element (no key) or map entry below a node. */
    record Record(String key, GoType keyType, CmpNode node) {
    }

    final CmpNode parent;
    final GoType type;
    final GoValue x;
    final GoValue y;
    int numSame;
    int numDiff;
    int numCompared;
    int numChildren;
    int maxDepth;
    final List<Record> records = new ArrayList<>();
    /** The pointed-to values, for a pointer node. */
    CmpNode value;

    private CmpNode(CmpNode parent, GoType type, GoValue x, GoValue y) {
        this.parent = parent;
        this.type = type;
        this.x = x;
        this.y = y;
    }

    static CmpNode compare(GoType type, GoValue x, GoValue y) {
        CmpNode root = new CmpNode(null, type, x, y);
        root.fill();
        return root;
    }

    boolean equal() {
        return numDiff == 0;
    }

    private CmpNode child(GoType childType, GoValue cx, GoValue cy) {
        CmpNode child = new CmpNode(this, childType, cx, cy);
        child.fill();
        numSame += child.numSame;
        numDiff += child.numDiff;
        numCompared += child.numCompared;
        numChildren += child.numChildren + 1;
        maxDepth = Math.max(maxDepth, child.maxDepth + 1);
        return child;
    }

    private void report(boolean equal) {
        if (equal) {
            numSame++;
        } else {
            numDiff++;
        }
    }

    private void fill() {
        if (x == null || y == null) {
            report(x == null && y == null);
            return;
        }
        switch (type.kind()) {
            case STRING, INT, BOOL -> report(sameLeaf(x, y));
            case QUANTITY -> {
                report(sameQuantity((GoValue.Quantity) x, (GoValue.Quantity) y));
                numCompared++;
            }
            case STRUCT -> fillStruct();
            case SLICE -> fillSlice();
            case MAP -> fillMap();
            case PTR -> {
                GoValue.Ptr px = (GoValue.Ptr) x;
                GoValue.Ptr py = (GoValue.Ptr) y;
                if (px.elem() == null || py.elem() == null) {
                    report(px.elem() == null && py.elem() == null);
                } else {
                    value = child(type.elem(), px.elem(), py.elem());
                }
            }
        }
    }

    private static boolean sameLeaf(GoValue a, GoValue b) {
        if (a instanceof GoValue.Str s) {
            return b instanceof GoValue.Str t && s.value().equals(t.value());
        }
        if (a instanceof GoValue.Int i) {
            return b instanceof GoValue.Int j && i.value() == j.value();
        }
        if (a instanceof GoValue.Bool i) {
            return b instanceof GoValue.Bool j && i.value() == j.value();
        }
        return false;
    }

    private static boolean sameQuantity(GoValue.Quantity a, GoValue.Quantity b) {
        if (a.amount() == null || b.amount() == null) {
            return a.amount() == null && b.amount() == null;
        }
        return a.amount().compareTo(b.amount()) == 0;
    }

    private void fillStruct() {
        if (x instanceof GoValue.Opaque ox && y instanceof GoValue.Opaque oy) {
            report(ox.json().equals(oy.json()));
            return;
        }
        if (!(x instanceof GoValue.Struct sx) || !(y instanceof GoValue.Struct sy)) {
            report(false);
            return;
        }
        List<GoType.Field> fields = type.fields();
        for (int i = 0; i < fields.size(); i++) {
            GoType.Field f = fields.get(i);
            records.add(new Record(f.name(), null, child(f.type(), sx.fields().get(i), sy.fields().get(i))));
        }
    }

    private void fillSlice() {
        GoValue.Slice sx = (GoValue.Slice) x;
        GoValue.Slice sy = (GoValue.Slice) y;
        if (sx.elems() == null || sy.elems() == null) {
            report(sx.elems() == null && sy.elems() == null);
            return;
        }
        List<GoValue> ex = sx.elems();
        List<GoValue> ey = sy.elems();
        List<EditScript.Edit> edits = EditScript.difference(ex.size(), ey.size(), (ix, iy) -> {
            CmpNode n = compare(type.elem(), ex.get(ix), ey.get(iy));
            return new EditScript.Result(n.numSame, n.numDiff);
        });
        int ix = 0;
        int iy = 0;
        for (EditScript.Edit e : edits) {
            switch (e) {
                case UNIQUE_X -> records.add(new Record(null, null, child(type.elem(), ex.get(ix++), null)));
                case UNIQUE_Y -> records.add(new Record(null, null, child(type.elem(), null, ey.get(iy++))));
                default -> records.add(new Record(null, null, child(type.elem(), ex.get(ix++), ey.get(iy++))));
            }
        }
    }

    private void fillMap() {
        GoValue.MapV mx = (GoValue.MapV) x;
        GoValue.MapV my = (GoValue.MapV) y;
        if (mx.entries() == null || my.entries() == null) {
            report(mx.entries() == null && my.entries() == null);
            return;
        }
        TreeSet<String> keys = new TreeSet<>(mx.entries().keySet());
        keys.addAll(my.entries().keySet());
        for (String k : keys) {
            records.add(new Record(k, type.key(), child(type.elem(), mx.entries().get(k), my.entries().get(k))));
        }
    }
}
