package io.kubeling.resources.ingressclasses;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.validation.FieldError;

class IngressClassStrategyTest {

    private final IngressClassStrategy strategy = new IngressClassStrategy();

    @Test
    void parametersDefaultToClusterScopeAndPrintAsKindGroupName() {
        IngressClass nginx = ingressClass("""
                {"metadata":{"name":"nginx","creationTimestamp":"2026-01-01T00:00:00Z"},
                 "spec":{"controller":"k8s.io/ingress-nginx",
                         "parameters":{"apiGroup":"k8s.example.com","kind":"IngressParameters","name":"external-lb"}}}""");

        strategy.applyDefaults(nginx);
        strategy.prepareForCreate(nginx);

        assertThat(nginx.getSpec().getParameters().getScope()).isEqualTo("Cluster");
        assertThat(strategy.validate(nginx)).isEmpty();
        assertThat(new IngressClassTable().cells(nginx, Instant.parse("2026-01-01T01:00:00Z"))).containsExactly(
                "nginx", "k8s.io/ingress-nginx", "IngressParameters.k8s.example.com/external-lb", "60m");
    }

    @Test
    void theControllerIsADomainPrefixedPathThatNeverChanges() {
        IngressClass bad = ingressClass("""
                {"metadata":{"name":"bad"},"spec":{"controller":"nginx",
                 "parameters":{"kind":"P","name":"p","scope":"Namespace"}}}""");
        strategy.applyDefaults(bad);
        strategy.prepareForCreate(bad);

        assertThat(strategy.validate(bad)).extracting(FieldError::toString).containsExactly(
                "spec.controller: Invalid value: \"nginx\": must be a domain-prefixed path (such as \"acme.io/foo\")",
                "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'");
        IngressClass old = ingressClass("{\"metadata\":{\"name\":\"a\"},\"spec\":{\"controller\":\"example.com/a\"}}");
        IngressClass changed = ingressClass("{\"metadata\":{\"name\":\"a\"},\"spec\":{\"controller\":\"example.com/b\"}}");
        assertThat(strategy.validateUpdate(changed, old)).extracting(FieldError::toString)
                .containsExactly("spec.controller: Invalid value: \"example.com/b\": field is immutable");
    }

    private static IngressClass ingressClass(String json) {
        return new ObjectCodec().decode(json.getBytes(StandardCharsets.UTF_8), IngressClass.class);
    }
}
