package io.kubeling.resources.ingresses;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.kubeling.registry.validation.FieldError;

class IngressStrategyTest {

    private final IngressStrategy strategy = new IngressStrategy();

    @Test
    void aValidIngressPasses() {
        Ingress ingress = IngressTableTest.ingress("""
                {"metadata":{"name":"web"},"spec":{"rules":[{"host":"*.example.com","http":{"paths":[
                  {"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"name":"http"}}}}]}}]}}""");
        strategy.prepareForCreate(ingress);

        assertThat(strategy.validate(ingress)).isEmpty();
        assertThat(ingress.getStatus().getLoadBalancer()).isNull();
    }

    @Test
    void kubesMessagesForRulesPathsAndBackends() {
        Ingress ingress = IngressTableTest.ingress("""
                {"metadata":{"name":"web","annotations":{"kubernetes.io/ingress.class":"traefik"}},
                 "spec":{"ingressClassName":"nginx","rules":[
                   {"host":"10.0.0.1","http":{"paths":[
                     {"path":"app","pathType":"Exact","backend":{"service":{"name":"Web","port":{"number":70000}}}},
                     {"path":"/a//b","pathType":"Prefix","backend":{}},
                     {"path":"/","backend":{"service":{"name":"web","port":{"number":80}}}},
                     {"path":"/","pathType":"Regex","backend":{"service":{"name":"web","port":{"name":"http","number":80}}}}]}},
                   {"host":"*.*.example.com"},
                   {"host":"shop.example.com","http":{"paths":[]}}],
                  "tls":[{"hosts":["Shop.example.com"],"secretName":"tls_secret"}]}}""");
        strategy.prepareForCreate(ingress);

        assertThat(strategy.validate(ingress)).extracting(FieldError::toString).containsExactly(
                "spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address",
                "spec.rules[0].http.paths[0].path: Invalid value: \"app\": must be an absolute path",
                "spec.rules[0].http.paths[0].backend.service.name: Invalid value: \"Web\": a DNS-1035 label must "
                        + "consist of lower case alphanumeric characters or '-', start with an alphabetic character, "
                        + "and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
                        + "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
                "spec.rules[0].http.paths[0].backend.service.port.number: Invalid value: 70000: must be between 1 "
                        + "and 65535, inclusive",
                "spec.rules[0].http.paths[1].path: Invalid value: \"/a//b\": must not contain '//'",
                "spec.rules[0].http.paths[1].backend: Invalid value: \"\": resource or service backend is required",
                "spec.rules[0].http.paths[2].pathType: Required value: pathType must be specified",
                "spec.rules[0].http.paths[3].pathType: Unsupported value: \"Regex\": supported values: \"Exact\", "
                        + "\"ImplementationSpecific\", \"Prefix\"",
                "spec.rules[0].http.paths[3].backend: Invalid value: \"\": cannot set both port name & port number",
                "spec.rules[1].host: Invalid value: \"*.*.example.com\": a wildcard DNS-1123 subdomain must start "
                        + "with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric "
                        + "characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex "
                        + "used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "spec.rules[2].http.paths: Required value",
                "spec.tls[0].hosts[0]: Invalid value: \"Shop.example.com\": a lowercase RFC 1123 subdomain must "
                        + "consist of lower case alphanumeric characters, '-' or '.', and must start and end with an "
                        + "alphanumeric character (e.g. 'example.com', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "spec.tls[0].secretName: Invalid value: \"tls_secret\": a lowercase RFC 1123 subdomain must consist "
                        + "of lower case alphanumeric characters, '-' or '.', and must start and end with an "
                        + "alphanumeric character (e.g. 'example.com', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "annotations.kubernetes.io/ingress.class: Invalid value: \"traefik\": must match `ingressClassName` "
                        + "when both are specified");
    }

    @Test
    void neitherRulesNorDefaultBackend() {
        Ingress ingress = IngressTableTest.ingress("{\"metadata\":{\"name\":\"empty\"},\"spec\":{}}");
        strategy.prepareForCreate(ingress);

        assertThat(strategy.validate(ingress)).extracting(FieldError::toString).containsExactly(
                "spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be "
                        + "specified");
    }

    @Test
    void statusOnlyThroughTheSubresourceWithValidAddresses() {
        Ingress old = IngressTableTest.ingress("{\"metadata\":{\"name\":\"web\"},\"spec\":{\"ingressClassName\":\"a\"}}");
        Ingress changed = IngressTableTest.ingress("""
                {"metadata":{"name":"web"},"spec":{"ingressClassName":"b"},
                 "status":{"loadBalancer":{"ingress":[{"ip":"10.0.0.300"},{"hostname":"10.0.0.1"}]}}}""");
        IngressStatusStrategy status = new IngressStatusStrategy();

        status.prepareForUpdate(changed, old);

        assertThat(changed.getSpec().getIngressClassName()).isEqualTo("a");
        assertThat(status.validateUpdate(changed, old)).extracting(FieldError::toString).containsExactly(
                "status.loadBalancer.ingress[0].ip: Invalid value: \"10.0.0.300\": must be a valid IP address, "
                        + "(e.g. 10.9.8.7 or 2001:db8::ffff)",
                "status.loadBalancer.ingress[1].hostname: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP "
                        + "address");
    }
}
