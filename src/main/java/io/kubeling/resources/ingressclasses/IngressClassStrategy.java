package io.kubeling.resources.ingressclasses;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassParametersReference;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassSpec;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/** kube's ingress class strategy: generation, the Cluster scope default, ValidateIngressClass. */
class IngressClassStrategy implements Strategy<IngressClass> {

    private static final int MAX_CONTROLLER = 250;
    private static final String HTTP_PATH = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
    private static final Pattern HTTP_PATH_PATTERN = Pattern.compile(HTTP_PATH);
    private static final List<String> SCOPES = List.of("Cluster", "Namespace");

    @Override
    public void applyDefaults(IngressClass ingressClass) {
        if (ingressClass.getSpec() == null) {
            ingressClass.setSpec(new IngressClassSpec());
        }
        IngressClassParametersReference parameters = ingressClass.getSpec().getParameters();
        if (parameters != null && parameters.getScope() == null) {
            parameters.setScope("Cluster");
        }
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(IngressClass ingressClass, IngressClass old) {
        return !Objects.equals(ingressClass.getSpec(), old.getSpec());
    }

    @Override
    public List<FieldError> validate(IngressClass ingressClass) {
        List<FieldError> errs = new ArrayList<>();
        IngressClassSpec spec = ingressClass.getSpec();
        String controller = Objects.requireNonNullElse(spec.getController(), "");
        if (controller.isEmpty()) {
            errs.add(FieldError.required("spec.controller", ""));
        } else {
            if (controller.length() > MAX_CONTROLLER) {
                errs.add(FieldError.tooLong("spec.controller", MAX_CONTROLLER));
            }
            domainPrefixedPath(errs, controller);
        }
        parameters(errs, spec.getParameters());
        return errs;
    }

    /** IsDomainPrefixedPath: a DNS subdomain, a slash, an HTTP path. */
    private static void domainPrefixedPath(List<FieldError> errs, String value) {
        String[] segments = value.split("/", 2);
        if (segments.length != 2 || segments[0].isEmpty() || segments[1].isEmpty()) {
            errs.add(FieldError.invalid("spec.controller", value,
                    "must be a domain-prefixed path (such as \"acme.io/foo\")"));
            return;
        }
        for (String message : Names.dns1123Subdomain(segments[0])) {
            errs.add(FieldError.invalid("spec.controller", segments[0], message));
        }
        if (!HTTP_PATH_PATTERN.matcher(segments[1]).matches()) {
            errs.add(FieldError.invalid("spec.controller", segments[1],
                    "Invalid path (regex used for validation is '" + HTTP_PATH + "')"));
        }
    }

    private static void parameters(List<FieldError> errs, IngressClassParametersReference params) {
        if (params == null) {
            return;
        }
        String path = "spec.parameters";
        if (params.getApiGroup() != null) {
            for (String message : Names.dns1123Subdomain(params.getApiGroup())) {
                errs.add(FieldError.invalid(path + ".apiGroup", params.getApiGroup(), message));
            }
        }
        pathSegment(errs, params.getKind(), path + ".kind");
        pathSegment(errs, params.getName(), path + ".name");
        String scope = params.getScope();
        if (scope == null) {
            errs.add(FieldError.required(path + ".scope", ""));
            return;
        }
        if (!SCOPES.contains(scope)) {
            errs.add(FieldError.notSupported(path + ".scope", scope, SCOPES));
            return;
        }
        if (scope.equals("Namespace")) {
            if (params.getNamespace() == null) {
                errs.add(FieldError.required(path + ".namespace", "`parameters.scope` is set to 'Namespace'"));
            } else {
                for (String message : Names.dns1123Label(params.getNamespace())) {
                    errs.add(FieldError.invalid(path + ".namespace", params.getNamespace(), message));
                }
            }
        } else if (params.getNamespace() != null) {
            errs.add(FieldError.forbidden(path + ".namespace", "`parameters.scope` is set to 'Cluster'"));
        }
    }

    private static void pathSegment(List<FieldError> errs, String value, String path) {
        if (value == null || value.isEmpty()) {
            errs.add(FieldError.required(path, ""));
            return;
        }
        for (String message : Names.pathSegmentName(value)) {
            errs.add(FieldError.invalid(path, value, message));
        }
    }

    @Override
    public List<FieldError> validateUpdate(IngressClass ingressClass, IngressClass old) {
        List<FieldError> errs = new ArrayList<>();
        String controller = ingressClass.getSpec().getController();
        if (!Objects.equals(controller, old.getSpec() == null ? null : old.getSpec().getController())) {
            errs.add(FieldError.invalid("spec.controller", Objects.requireNonNullElse(controller, ""),
                    "field is immutable"));
        }
        errs.addAll(validate(ingressClass));
        return errs;
    }
}
