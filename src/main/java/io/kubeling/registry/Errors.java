package io.kubeling.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.storage.StorageException;

/** Status errors with the codes, reasons and messages kube-apiserver gives. */
public final class Errors {

    private Errors() {
    }

    public static StatusException notFound(GroupResource resource, String name) {
        return error(404, "NotFound", resource + " \"" + name + "\" not found", details(resource, name));
    }

    public static StatusException alreadyExists(GroupResource resource, String name) {
        return error(409, "AlreadyExists", resource + " \"" + name + "\" already exists", details(resource, name));
    }

    public static StatusException conflict(GroupResource resource, String name, String why) {
        return error(409, "Conflict", "Operation cannot be fulfilled on " + resource + " \"" + name + "\": " + why,
                details(resource, name));
    }

    public static StatusException staleResourceVersion(GroupResource resource, String name) {
        return conflict(resource, name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    /** 422 with one cause per field, message {@code Pod "x" is invalid: [a, b]}. */
    public static StatusException invalid(String qualifiedKind, String kind, String group, String name,
            List<FieldError> errors) {
        List<StatusCause> causes = new ArrayList<>();
        for (FieldError e : errors) {
            causes.add(new StatusCause(e.field(), e.body(), e.type().reason()));
        }
        String aggregate = errors.size() == 1 ? errors.get(0).toString()
                : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
        StatusDetails details = new StatusDetails();
        details.setName(name == null || name.isEmpty() ? null : name);
        details.setGroup(group == null || group.isEmpty() ? null : group);
        details.setKind(kind);
        details.setCauses(causes);
        String shown = name == null ? "" : name;
        return error(422, "Invalid", qualifiedKind + " \"" + shown + "\" is invalid: " + aggregate, details);
    }

    public static StatusException badRequest(String message) {
        return error(400, "BadRequest", message, null);
    }

    public static StatusException forbidden(GroupResource resource, String name, String why) {
        String subject = name == null || name.isEmpty() ? resource.toString() : resource + " \"" + name + "\"";
        return error(403, "Forbidden", subject + " is forbidden: " + why, details(resource, name));
    }

    /** kube's 405 for a verb the resource does not serve. */
    public static StatusException methodNotAllowed() {
        return methodNotAllowed("the server does not allow this method on the requested resource");
    }

    public static StatusException methodNotAllowed(String message) {
        return error(405, "MethodNotAllowed", message, null);
    }

    public static StatusException notAcceptable(String message) {
        return error(406, "NotAcceptable", message, null);
    }

    public static StatusException unsupportedMediaType(String message) {
        return error(415, "UnsupportedMediaType", message, null);
    }

    public static StatusException tooLarge(String message) {
        return error(413, "RequestEntityTooLarge", message, null);
    }

    public static StatusException expired(String message) {
        return error(410, "Expired", message, null);
    }

    public static StatusException internal(String message) {
        StatusDetails details = new StatusDetails();
        details.setCauses(List.of(new StatusCause(null, message, null)));
        return error(500, "InternalError", "Internal error occurred: " + message, details);
    }

    public static StatusException timeout(String message, int retryAfterSeconds) {
        StatusDetails details = new StatusDetails();
        details.setRetryAfterSeconds(retryAfterSeconds);
        return error(504, "Timeout", message, details);
    }

    /**
     * kube's answer when storage cannot be reached (storeerr.Interpret*Error): a 500 ServerTimeout naming
     * the operation, which clients retry after the seconds it gives.
     */
    public static StatusException serverTimeout(GroupResource resource, String operation, int retryAfterSeconds) {
        StatusDetails details = new StatusDetails();
        details.setGroup(resource.group().isEmpty() ? null : resource.group());
        details.setKind(resource.resource());
        details.setName(operation);
        details.setRetryAfterSeconds(retryAfterSeconds);
        return error(500, "ServerTimeout", "The " + operation + " operation against " + resource
                + " could not be completed at this time, please try again.", details);
    }

    /**
     * kube's answer to a storage failure no registry code interpreted, when storage cannot be reached
     * (responsewriters' convertStorageErrorOrNot): a 503 ServiceUnavailable with the error's message.
     */
    public static StatusException unreachableStorage(RuntimeException failure) {
        if (failure instanceof StorageException e && e.kind() == StorageException.Kind.UNREACHABLE) {
            return error(503, "ServiceUnavailable", e.getMessage(), null);
        }
        return null;
    }

    /** kube's 404 for a path it does not serve, with the empty details clients such as kubectl debug read. */
    public static StatusException notFoundPath() {
        return error(404, "NotFound", "the server could not find the requested resource", new StatusDetails());
    }

    public static StatusException error(int code, String reason, String message, StatusDetails details) {
        Status status = new Status();
        status.setApiVersion("v1");
        status.setKind("Status");
        status.setMetadata(new ListMeta());
        status.setStatus("Failure");
        status.setMessage(message);
        status.setReason(reason);
        status.setDetails(details);
        status.setCode(code);
        return new StatusException(status);
    }

    private static StatusDetails details(GroupResource resource, String name) {
        StatusDetails details = new StatusDetails();
        details.setName(name == null || name.isEmpty() ? null : name);
        details.setGroup(resource.group().isEmpty() ? null : resource.group());
        details.setKind(resource.resource());
        return details;
    }
}
