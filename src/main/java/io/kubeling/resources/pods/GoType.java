package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.List;

/**
 * A type of kube's internal Go API ({@code k8s.io/kubernetes/pkg/apis/core}), described only as far
 * as go-cmp needs it to compare two values and print their difference: its kind, the name Go prints
 * for it, and for composites the types inside.
 */
final class GoType {

    enum Kind {
        STRING, INT, BOOL, STRUCT, SLICE, MAP, PTR, QUANTITY
    }

    /** One field of a struct type, in declaration order. */
    record Field(String name, String json, GoType type, boolean embedded) {
    }

    static final GoType STRING = new GoType(Kind.STRING, "string", false, false, null, null);
    static final GoType INT = new GoType(Kind.INT, "int64", false, false, null, null);
    static final GoType INT32 = new GoType(Kind.INT, "int32", false, false, null, null);
    static final GoType BOOL = new GoType(Kind.BOOL, "bool", false, false, null, null);
    /** resource.Quantity compares through its Equal method, so go-cmp treats it as one leaf. */
    static final GoType QUANTITY = new GoType(Kind.QUANTITY, "resource.Quantity", true, false, null, null);

    private final Kind kind;
    private final String name;
    private final boolean named;
    private final boolean stringer;
    private final GoType elem;
    private final GoType key;
    private final List<Field> fields = new ArrayList<>();

    private GoType(Kind kind, String name, boolean named, boolean stringer, GoType elem, GoType key) {
        this.kind = kind;
        this.name = name;
        this.named = named;
        this.stringer = stringer;
        this.elem = elem;
        this.key = key;
    }

    /** A named string type such as {@code core.RestartPolicy}; a stringer has a String method. */
    static GoType namedString(String name, boolean stringer) {
        return new GoType(Kind.STRING, name, true, stringer, null, null);
    }

    static GoType namedInt(String name) {
        return new GoType(Kind.INT, name, true, false, null, null);
    }

    /** A struct whose fields are added afterwards, so types may refer to each other. */
    static GoType struct(String name) {
        return new GoType(Kind.STRUCT, name, true, false, null, null);
    }

    static GoType slice(GoType elem) {
        return new GoType(Kind.SLICE, "[]" + elem.name, false, false, elem, null);
    }

    static GoType ptr(GoType elem) {
        return new GoType(Kind.PTR, "*" + elem.name, false, false, elem, null);
    }

    static GoType map(GoType key, GoType elem) {
        return new GoType(Kind.MAP, "map[" + key.name + "]" + elem.name, false, false, elem, key);
    }

    static GoType namedMap(String name, GoType key, GoType elem) {
        return new GoType(Kind.MAP, name, true, false, elem, key);
    }

    GoType field(String name, String json, GoType type) {
        fields.add(new Field(name, json, type, false));
        return this;
    }

    /** An embedded struct: Go prints it under its type name and JSON inlines its fields. */
    GoType embed(GoType type) {
        String simple = type.name.substring(type.name.indexOf('.') + 1);
        fields.add(new Field(simple, null, type, true));
        return this;
    }

    Kind kind() {
        return kind;
    }

    String name() {
        return name;
    }

    boolean named() {
        return named;
    }

    boolean stringer() {
        return stringer;
    }

    GoType elem() {
        return elem;
    }

    GoType key() {
        return key;
    }

    List<Field> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return name;
    }
}
