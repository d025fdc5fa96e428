package io.kubeling.resources.webhookconfigurations;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.kubeling.cel.CelCompileException;
import io.kubeling.cel.AdmissionRequestType;
import io.kubeling.cel.Authz;
import io.kubeling.cel.CelEngine;
import io.kubeling.cel.CelTypes;
import io.kubeling.cel.CelVariable;
import io.kubeling.cel.CompiledExpression;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.common.LabelSelectors;

/**
 * kube's ValidateMutatingWebhookConfiguration and ValidateValidatingWebhookConfiguration, with their
 * messages; an update relaxes a rule the stored configuration already breaks, as kube's update validation does.
 */
public final class WebhookValidation {

    private static final List<String> FAILURE_POLICIES = List.of("Fail", "Ignore");
    private static final List<String> MATCH_POLICIES = List.of("Equivalent", "Exact");
    private static final List<String> NO_SIDE_EFFECTS = List.of("None", "NoneOnDryRun");
    private static final List<String> SIDE_EFFECTS = List.of("None", "NoneOnDryRun", "Some", "Unknown");
    private static final List<String> OPERATIONS = List.of("*", "CONNECT", "CREATE", "DELETE", "UPDATE");
    private static final List<String> REINVOCATION = List.of("IfNeeded", "Never");
    private static final List<String> SCOPES = List.of("*", "Cluster", "Namespaced");
    private static final List<String> REVIEW_VERSIONS = List.of("v1", "v1beta1");
    /** The variables kube gives webhook matchConditions. */
    private static final CelEngine CONDITIONS = CelEngine.create(Stream.concat(Stream.of(CelVariable.dyn("object"),
            CelVariable.dyn("oldObject"), new CelVariable("request", AdmissionRequestType.TYPE)),
            Authz.VARIABLES.stream()).toList());
    private static final String URL_FORM = "; desired format: https://host[/path]";

    /** What an update may keep of a stored configuration that breaks today's rules. */
    record Options(boolean requireNoSideEffects, boolean requireRecognizedVersion, boolean requireUniqueNames) {
        static final Options STRICT = new Options(true, true, true);

        static Options forUpdate(List<WebhookFields> old) {
            boolean noSideEffects = old.stream().allMatch(h -> NO_SIDE_EFFECTS.contains(h.sideEffects()));
            boolean recognized = old.stream().allMatch(h -> h.admissionReviewVersions().isEmpty()
                    || h.admissionReviewVersions().stream().anyMatch(REVIEW_VERSIONS::contains));
            Set<String> names = new HashSet<>();
            boolean unique = old.stream().allMatch(h -> names.add(h.name()));
            return new Options(noSideEffects, recognized, unique);
        }
    }

    private WebhookValidation() {
    }

    static List<FieldError> validate(List<WebhookFields> hooks, Options options) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < hooks.size(); i++) {
            WebhookFields hook = hooks.get(i);
            String path = "webhooks[" + i + "]";
            errs.addAll(webhook(hook, options, path));
            errs.addAll(reviewVersions(hook.admissionReviewVersions(), options.requireRecognizedVersion(),
                    path + ".admissionReviewVersions"));
            if (options.requireUniqueNames() && hook.name() != null && !hook.name().isEmpty()
                    && !names.add(hook.name())) {
                errs.add(FieldError.duplicate(path + ".name", hook.name()));
            }
        }
        return errs;
    }

    private static List<FieldError> webhook(WebhookFields hook, Options options, String path) {
        List<FieldError> errs = new ArrayList<>(fullyQualifiedName(path + ".name", hook.name()));
        for (int i = 0; i < hook.rules().size(); i++) {
            errs.addAll(rule(hook.rules().get(i), path + ".rules[" + i + "]"));
        }
        if (hook.failurePolicy() != null && !FAILURE_POLICIES.contains(hook.failurePolicy())) {
            errs.add(FieldError.notSupported(path + ".failurePolicy", hook.failurePolicy(), FAILURE_POLICIES));
        }
        if (hook.matchPolicy() != null && !MATCH_POLICIES.contains(hook.matchPolicy())) {
            errs.add(FieldError.notSupported(path + ".matchPolicy", hook.matchPolicy(), MATCH_POLICIES));
        }
        List<String> allowed = options.requireNoSideEffects() ? NO_SIDE_EFFECTS : SIDE_EFFECTS;
        if (hook.sideEffects() == null) {
            errs.add(FieldError.required(path + ".sideEffects", "must specify one of " + String.join(", ", allowed)));
        } else if (!allowed.contains(hook.sideEffects())) {
            errs.add(FieldError.notSupported(path + ".sideEffects", hook.sideEffects(), allowed));
        }
        Integer timeout = hook.timeoutSeconds();
        if (timeout != null && (timeout > 30 || timeout < 1)) {
            errs.add(FieldError.invalid(path + ".timeoutSeconds", timeout,
                    "the timeout value must be between 1 and 30 seconds"));
        }
        errs.addAll(LabelSelectors.validate(hook.namespaceSelector(), path + ".namespaceSelector"));
        errs.addAll(LabelSelectors.validate(hook.objectSelector(), path + ".objectSelector"));
        if (hook.mutating() && hook.reinvocationPolicy() != null
                && !REINVOCATION.contains(hook.reinvocationPolicy())) {
            errs.add(FieldError.notSupported(path + ".reinvocationPolicy", hook.reinvocationPolicy(), REINVOCATION));
        }
        errs.addAll(clientConfig(hook.clientConfig(), path + ".clientConfig"));
        errs.addAll(matchConditions(hook.matchConditions(), path + ".matchConditions"));
        return errs;
    }

    /** kube's validateMatchConditions: at most 64, named uniquely, each expression a boolean CEL expression. */
    private static List<FieldError> matchConditions(List<MatchCondition> conditions, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (conditions.size() > 64) {
            errs.add(new FieldError(path, FieldError.Type.TOO_MANY, conditions.size(), "must have at most 64 items"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < conditions.size(); i++) {
            MatchCondition condition = conditions.get(i);
            String at = path + "[" + i + "]";
            String expression = condition.getExpression() == null ? "" : condition.getExpression();
            if (expression.isBlank()) {
                errs.add(FieldError.required(at + ".expression", ""));
            } else {
                try {
                    CompiledExpression compiled = CONDITIONS.compile(expression);
                    // objects are dynamic, so a dynamic result is checked when evaluated
                    if (!compiled.resultType().equals(CelTypes.BOOL) && !compiled.resultType().equals(CelTypes.DYN)) {
                        errs.add(FieldError.invalid(at + ".expression", expression, "must evaluate to bool"));
                    }
                } catch (CelCompileException e) {
                    errs.add(FieldError.invalid(at + ".expression", expression, "compilation failed: " + e.getMessage()));
                }
            }
            errs.addAll(matchConditionName(condition.getName(), at + ".name", names));
        }
        return errs;
    }

    /** utilvalidation.IsFullyQualifiedName. */
    private static List<FieldError> fullyQualifiedName(String path, String name) {
        if (name == null || name.isEmpty()) {
            return List.of(FieldError.required(path, ""));
        }
        List<String> problems = Names.dns1123Subdomain(name);
        if (!problems.isEmpty()) {
            return List.of(FieldError.invalid(path, name, String.join(",", problems)));
        }
        if (name.split("\\.", -1).length < 3) {
            return List.of(FieldError.invalid(path, name, "should be a domain with at least three segments separated by dots"));
        }
        return List.of();
    }

    /** A match condition's name: a qualified name, given, and not used by another condition of the list. */
    public static List<FieldError> matchConditionName(String given, String path, Set<String> names) {
        String name = given == null ? "" : given;
        if (name.isEmpty()) {
            return List.of(FieldError.required(path, ""));
        }
        List<FieldError> errs = new ArrayList<>();
        Names.qualifiedName(name).forEach(m -> errs.add(FieldError.invalid(path, name, m)));
        if (!names.add(name)) {
            errs.add(FieldError.duplicate(path, name));
        }
        return errs;
    }

    /** kube's validateRuleWithOperations, shared with the admission policies' resource rules. */
    public static List<FieldError> rule(RuleWithOperations rule, String path) {
        List<FieldError> errs = new ArrayList<>();
        List<String> operations = orEmpty(rule.getOperations());
        if (operations.isEmpty()) {
            errs.add(FieldError.required(path + ".operations", ""));
        }
        if (operations.size() > 1 && operations.contains("*")) {
            errs.add(FieldError.invalid(path + ".operations", new GoStrings(operations),
                    "if '*' is present, must not specify other operations"));
        }
        for (int i = 0; i < operations.size(); i++) {
            if (!OPERATIONS.contains(operations.get(i))) {
                errs.add(FieldError.notSupported(path + ".operations[" + i + "]", operations.get(i), OPERATIONS));
            }
        }
        List<String> groups = orEmpty(rule.getApiGroups());
        if (groups.isEmpty()) {
            errs.add(FieldError.required(path + ".apiGroups", ""));
        }
        if (groups.size() > 1 && groups.contains("*")) {
            errs.add(FieldError.invalid(path + ".apiGroups", new GoStrings(groups),
                    "if '*' is present, must not specify other API groups"));
        }
        List<String> versions = orEmpty(rule.getApiVersions());
        if (versions.isEmpty()) {
            errs.add(FieldError.required(path + ".apiVersions", ""));
        }
        if (versions.size() > 1 && versions.contains("*")) {
            errs.add(FieldError.invalid(path + ".apiVersions", new GoStrings(versions),
                    "if '*' is present, must not specify other API versions"));
        }
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i) == null || versions.get(i).isEmpty()) {
                errs.add(FieldError.required(path + ".apiVersions[" + i + "]", ""));
            }
        }
        errs.addAll(resources(orEmpty(rule.getResources()), path + ".resources"));
        if (rule.getScope() != null && !SCOPES.contains(rule.getScope())) {
            errs.add(FieldError.notSupported(path + ".scope", rule.getScope(), SCOPES));
        }
        return errs;
    }

    /** kube's validateResources: subresources allowed, wildcards not mixed with what they already cover. */
    private static List<FieldError> resources(List<String> resources, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (resources.isEmpty()) {
            errs.add(FieldError.required(path, ""));
        }
        Set<String> wildcardSubresources = new HashSet<>();
        Set<String> wildcardResources = new HashSet<>();
        boolean doubleWildcard = false;
        boolean singleWildcard = false;
        boolean plainResource = false;
        for (int i = 0; i < resources.size(); i++) {
            String resSub = resources.get(i) == null ? "" : resources.get(i);
            if (resSub.isEmpty()) {
                errs.add(FieldError.required(path + "[" + i + "]", ""));
                continue;
            }
            doubleWildcard |= resSub.equals("*/*");
            singleWildcard |= resSub.equals("*");
            int slash = resSub.indexOf('/');
            if (slash < 0) {
                plainResource = !resSub.equals("*");
                continue;
            }
            String res = resSub.substring(0, slash);
            String sub = resSub.substring(slash + 1);
            if (wildcardSubresources.contains(res)) {
                errs.add(FieldError.invalid(path + "[" + i + "]", resSub,
                        "if '" + res + "/*' is present, must not specify " + resSub));
            }
            if (wildcardResources.contains(sub)) {
                errs.add(FieldError.invalid(path + "[" + i + "]", resSub,
                        "if '*/" + sub + "' is present, must not specify " + resSub));
            }
            if (sub.equals("*")) {
                wildcardSubresources.add(res);
            }
            if (res.equals("*")) {
                wildcardResources.add(sub);
            }
        }
        if (resources.size() > 1 && doubleWildcard) {
            errs.add(FieldError.invalid(path, new GoStrings(resources),
                    "if '*/*' is present, must not specify other resources"));
        }
        if (singleWildcard && plainResource) {
            errs.add(FieldError.invalid(path, new GoStrings(resources),
                    "if '*' is present, must not specify other resources without subresources"));
        }
        return errs;
    }

    private static List<FieldError> reviewVersions(List<String> versions, boolean requireRecognized, String path) {
        return reviewVersions(versions, requireRecognized, path,
                "must specify one of " + String.join(", ", REVIEW_VERSIONS));
    }

    /** The review versions a webhook is sent in; {@code requiredDetail} is what an empty list is told. */
    static List<FieldError> reviewVersions(List<String> versions, boolean requireRecognized, String path,
            String requiredDetail) {
        List<FieldError> errs = new ArrayList<>();
        if (versions.isEmpty()) {
            errs.add(FieldError.required(path, requiredDetail));
            return errs;
        }
        Set<String> seen = new HashSet<>();
        boolean recognized = false;
        for (int i = 0; i < versions.size(); i++) {
            String v = versions.get(i) == null ? "" : versions.get(i);
            if (!seen.add(v)) {
                errs.add(FieldError.invalid(path + "[" + i + "]", v, "duplicate version"));
                continue;
            }
            for (String problem : Names.dns1035Label(v)) {
                errs.add(FieldError.invalid(path + "[" + i + "]", v, problem));
            }
            recognized |= REVIEW_VERSIONS.contains(v);
        }
        if (requireRecognized && !recognized) {
            errs.add(FieldError.invalid(path, new GoStrings(versions),
                    "must include at least one of " + String.join(", ", REVIEW_VERSIONS)));
        }
        return errs;
    }

    static List<FieldError> clientConfig(WebhookClientConfig config, String path) {
        String url = config == null ? null : config.getUrl();
        ServiceReference service = config == null ? null : config.getService();
        if ((url == null) == (service == null)) {
            return List.of(FieldError.required(path, "exactly one of url or service is required"));
        }
        return url != null ? url(path + ".url", url) : service(path + ".service", service);
    }

    /** k8s.io/apiserver's ValidateWebhookURL with https required. */
    private static List<FieldError> url(String path, String url) {
        List<FieldError> errs = new ArrayList<>();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return List.of(FieldError.required(path, "url must be a valid URL: " + e.getMessage() + URL_FORM));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("https")) {
            errs.add(FieldError.invalid(path, scheme, "'https' is the only allowed URL scheme" + URL_FORM));
        }
        String host = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst("^.*@", "");
        if (host.isEmpty()) {
            errs.add(FieldError.invalid(path, host, "host must be specified" + URL_FORM));
        }
        if (uri.getRawUserInfo() != null) {
            errs.add(FieldError.invalid(path, uri.getRawUserInfo(), "user information is not permitted in the URL"));
        }
        if (uri.getRawFragment() != null && !uri.getRawFragment().isEmpty()) {
            errs.add(FieldError.invalid(path, uri.getRawFragment(), "fragments are not permitted in the URL"));
        }
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            errs.add(FieldError.invalid(path, uri.getRawQuery(), "query parameters are not permitted in the URL"));
        }
        return errs;
    }

    /** k8s.io/apiserver's ValidateWebhookService. */
    private static List<FieldError> service(String path, ServiceReference service) {
        List<FieldError> errs = new ArrayList<>();
        if (service.getName() == null || service.getName().isEmpty()) {
            errs.add(FieldError.required(path + ".name", "service name is required"));
        }
        if (service.getNamespace() == null || service.getNamespace().isEmpty()) {
            errs.add(FieldError.required(path + ".namespace", "service namespace is required"));
        }
        int port = service.getPort() == null ? 443 : service.getPort();
        if (port < 1 || port > 65535) {
            errs.add(FieldError.invalid(path + ".port", port,
                    "port is not valid: must be between 1 and 65535, inclusive"));
        }
        String urlPath = service.getPath();
        if (urlPath == null || urlPath.isEmpty() || urlPath.equals("/")) {
            return errs;
        }
        if (urlPath.equals("//")) {
            errs.add(FieldError.invalid(path + ".path", urlPath, "segment[0] may not be empty"));
            return errs;
        }
        if (!urlPath.startsWith("/")) {
            errs.add(FieldError.invalid(path + ".path", urlPath, "must start with a '/'"));
        }
        String check = urlPath.substring(1);
        if (check.endsWith("/")) {
            check = check.substring(0, check.length() - 1);
        }
        String[] steps = check.split("/", -1);
        for (int i = 0; i < steps.length; i++) {
            if (steps[i].isEmpty()) {
                errs.add(FieldError.invalid(path + ".path", urlPath, "segment[" + i + "] may not be empty"));
                continue;
            }
            for (String problem : Names.dns1123Subdomain(steps[i])) {
                errs.add(FieldError.invalid(path + ".path", urlPath, "segment[" + i + "]: " + problem));
            }
        }
        return errs;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    /** A list of strings printed as Go's %#v prints a []string, as kube's messages show them. */
    record GoStrings(List<String> values) {
        @Override
        public String toString() {
            return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "[]string{", "}"));
        }
    }
}
