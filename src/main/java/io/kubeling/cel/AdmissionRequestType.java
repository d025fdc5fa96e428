package io.kubeling.cel;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.cel.common.types.CelType;

/**
 * The type kube's admission CEL gives its {@code request} variable (its buildRequestType): an AdmissionRequest
 * without the objects or uid, so that {@code request.object} does not compile. Its values are the request's JSON.
 */
public final class AdmissionRequestType {

    public static final CelType TYPE = build();

    private AdmissionRequestType() {
    }

    private static CelType build() {
        CelType gvk = CelTypes.object("kubernetes.GroupVersionKind",
                fields("group", CelTypes.STRING, "version", CelTypes.STRING, "kind", CelTypes.STRING));
        CelType gvr = CelTypes.object("kubernetes.GroupVersionResource",
                fields("group", CelTypes.STRING, "version", CelTypes.STRING, "resource", CelTypes.STRING));
        CelType userInfo = CelTypes.object("kubernetes.UserInfo", fields("username", CelTypes.STRING,
                "uid", CelTypes.STRING, "groups", CelTypes.list(CelTypes.STRING),
                "extra", CelTypes.map(CelTypes.list(CelTypes.STRING))));
        return CelTypes.object("kubernetes.AdmissionRequest", fields(
                "kind", gvk, "resource", gvr, "subResource", CelTypes.STRING,
                "requestKind", gvk, "requestResource", gvr, "requestSubResource", CelTypes.STRING,
                "name", CelTypes.STRING, "namespace", CelTypes.STRING, "operation", CelTypes.STRING,
                "userInfo", userInfo, "dryRun", CelTypes.BOOL, "options", CelTypes.DYN));
    }

    private static Map<String, CelType> fields(Object... nameTypePairs) {
        Map<String, CelType> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            fields.put((String) nameTypePairs[i], (CelType) nameTypePairs[i + 1]);
        }
        return fields;
    }
}
