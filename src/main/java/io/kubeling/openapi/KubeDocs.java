package io.kubeling.openapi;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.google.gson.annotations.SerializedName;

import io.swagger.annotations.ApiModel;
import io.swagger.annotations.ApiModelProperty;

/**
 * Kube's own documentation of a model type: its description, its properties' descriptions, which are required,
 * and their declared Java types (which tell timestamps and byte strings apart from plain strings). fabric8 models
 * carry none of it; the Kubernetes Java client's generated models carry all of it in annotations, and are read
 * here once per type.
 */
final class KubeDocs {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";

    /** TypeMeta's field descriptions, which kube gives the apiVersion and kind of every custom resource. */
    static final String API_VERSION = "APIVersion defines the versioned schema of this representation of an object. "
            + "Servers should convert recognized schemas to the latest internal value, and may reject unrecognized "
            + "values. More info: "
            + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
    static final String KIND = "Kind is a string value representing the REST resource this object represents. "
            + "Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In "
            + "CamelCase. More info: "
            + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";

    /** The documentation of one type; properties are keyed by JSON name. */
    record Doc(String description, Map<String, String> descriptions, Set<String> required, Map<String, Type> types) {

        static final Doc NONE = new Doc(null, Map.of(), Set.of(), Map.of());
    }

    private static final Map<String, Doc> CACHE = new HashMap<>();

    private KubeDocs() {
    }

    /** The documentation of a kube schema name such as {@code io.k8s.api.core.v1.Container}. */
    static synchronized Doc of(String schemaName) {
        return CACHE.computeIfAbsent(schemaName, name -> modelClass(name).map(KubeDocs::read).orElse(Doc.NONE));
    }

    /** The client's class: {@code V1Container}, or {@code CoreV1Event} where two groups share a kind name. */
    private static Optional<Class<?>> modelClass(String schemaName) {
        String[] parts = schemaName.split("\\.");
        if (parts.length < 3) {
            return Optional.empty();
        }
        String kind = parts[parts.length - 1];
        String version = capitalize(parts[parts.length - 2]);
        String group = capitalize(parts[parts.length - 3]);
        for (String candidate : new String[] {group + version + kind, version + kind}) {
            try {
                return Optional.of(Class.forName(MODELS + candidate, false, KubeDocs.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next spelling
            }
        }
        return Optional.empty();
    }

    private static Doc read(Class<?> model) {
        ApiModel about = model.getAnnotation(ApiModel.class);
        Map<String, String> jsonNames = new HashMap<>();
        Map<String, Type> types = new HashMap<>();
        for (Field field : model.getDeclaredFields()) {
            SerializedName json = field.getAnnotation(SerializedName.class);
            if (json != null) {
                jsonNames.put(javaName(field.getName()), json.value());
                types.put(json.value(), field.getGenericType());
            }
        }
        Map<String, String> descriptions = new HashMap<>();
        Set<String> required = new TreeSet<>();
        for (Method method : model.getDeclaredMethods()) {
            ApiModelProperty property = method.getAnnotation(ApiModelProperty.class);
            String name = method.getName();
            if (property == null || !name.startsWith("get") || name.length() < 4) {
                continue;
            }
            String json = jsonNames.get(javaName(name.substring(3)));
            if (json == null) {
                continue;
            }
            if (!property.value().isEmpty()) {
                descriptions.put(json, property.value());
            }
            if (property.required()) {
                required.add(json);
            }
        }
        String description = about == null || about.description().isEmpty() ? null : about.description();
        return new Doc(description, Map.copyOf(descriptions), Set.copyOf(required), Map.copyOf(types));
    }

    /** Field {@code _continue} and getter {@code getContinue} both become {@code continue}. */
    private static String javaName(String name) {
        return name.replaceFirst("^_", "").toLowerCase(Locale.ROOT);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
