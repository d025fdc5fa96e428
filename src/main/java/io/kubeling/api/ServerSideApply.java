package io.kubeling.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GoJsonTypes;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.UpdateResult;
import io.kubeling.registry.WriteOptions;
import io.kubeling.registry.validation.FieldError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A PATCH with {@code application/apply-patch+yaml}: kube's server-side apply, checked and handed to the store. */
@Component
class ServerSideApply {

    private final RequestBody bodies;
    private final Codecs codecs;

    ServerSideApply(RequestBody bodies, Codecs codecs) {
        this.bodies = bodies;
        this.codecs = codecs;
    }

    <T extends HasMetadata> ApiResponse apply(ResourceStore<T> store, String namespace, ApiPath path,
            HttpServletRequest request) {
        FieldValidation validation = FieldValidation.parse(request.getParameter("fieldValidation"), "PatchOptions");
        WriteOptions write = QueryOptions.write(request, "PatchOptions");
        String manager = request.getParameter("fieldManager");
        if (manager == null || manager.isEmpty()) {
            throw Errors.invalid("PatchOptions.meta.k8s.io", "PatchOptions", "meta.k8s.io", "",
                    List.of(FieldError.required("fieldManager", "is required for apply patch")));
        }
        boolean force = GoBool.parse("force", request.getParameter("force"), false);
        List<String> duplicates = validation == FieldValidation.IGNORE ? null : new ArrayList<>();
        ObjectNode config = parse(bodies.read(request), duplicates);
        ResourceDefinition<T> def = store.definition();
        String apiVersion = config.path("apiVersion").asString("");
        String kind = config.path("kind").asString("");
        if (!apiVersion.equals(def.apiVersion()) || !kind.equals(def.kind())) {
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
            throw Errors.badRequest("invalid object type: " + group + "/" + version + ", Kind=" + kind);
        }
        if (config.path("metadata").has("managedFields")) {
            throw Errors.badRequest("metadata.managedFields must be nil");
        }
        List<String> warnings = new ArrayList<>();
        // decoding also replaces the configuration's nulls as Go reads them, before the store merges it
        bodies.decode(config, def, FieldValidation.IGNORE, warnings);
        refuseUnknownFields(config, def);
        if (duplicates != null && !duplicates.isEmpty()) {
            // kube's strict second read of the configuration, after the merge it would have refused first
            if (validation == FieldValidation.STRICT) {
                throw Errors.badRequest("error strict decoding YAML: error converting YAML to JSON: "
                        + YamlTrees.unmarshalErrors(duplicates));
            }
            warnings.addAll(duplicates);
        }
        // as kube's patcher checks the applied object's name against the URL's
        String named = config.path("metadata").path("name").asString("");
        if (!named.equals(path.name())) {
            throw Errors.badRequest("the name of the object (" + named + ") does not match the name on the URL ("
                    + path.name() + ")");
        }
        UpdateResult<T> result = store.apply(namespace, path.name(), path.subresource(), config, force,
                new WriteOptions(write.dryRun(), manager, write.user()));
        return new ApiResponse(result.created() ? 201 : 200, result.object(), warnings);
    }

    /**
     * Fields the schema does not declare fail an apply whatever the fieldValidation, as structured-merge-diff
     * refuses to type the configuration. kube-apiserver answers that with a bare 500 (kubernetes#139253); the
     * client's configuration is at fault, so this is the 400 BadRequest with kube's message that its fix returns.
     */
    private <T extends HasMetadata> void refuseUnknownFields(ObjectNode config, ResourceDefinition<T> def) {
        T typed = codecs.json().treeToValue(config, def.type());
        List<String> unknown = def.isCustom() ? def.strategy().prune(typed) : UnknownFields.strip(typed);
        if (unknown.isEmpty()) {
            return;
        }
        List<String> errors = unknown.stream().map(p -> "." + p + ": field not declared in schema").toList();
        String detail = errors.size() == 1 ? errors.get(0) : "errors:\n  " + String.join("\n  ", errors);
        String gvk = (def.group().isEmpty() ? "" : def.group()) + "/" + def.version() + ", Kind=" + def.kind();
        throw Errors.badRequest("failed to create typed patch object (" + gvk + "): " + detail);
    }

    /** The configuration's tree; go-yaml's words for each key it sets twice go to {@code duplicates}, if given. */
    private ObjectNode parse(byte[] body, List<String> duplicates) {
        JsonNode tree;
        try {
            tree = codecs.readYaml(body, duplicates);
        } catch (JacksonException e) {
            throw Errors.badRequest("error decoding YAML: " + e.getOriginalMessage());
        } catch (YamlTrees.Malformed e) {
            // sigs.k8s.io/yaml's words around go-yaml's
            throw Errors.badRequest("error decoding YAML: error converting YAML to JSON: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = codecs.json().createObjectNode();
        }
        if (!tree.isObject()) {
            throw Errors.badRequest("error decoding YAML: error unmarshaling JSON: json: cannot unmarshal "
                    + GoJsonTypes.of(tree) + " into Go value of type map[string]interface {}");
        }
        return (ObjectNode) tree;
    }
}
