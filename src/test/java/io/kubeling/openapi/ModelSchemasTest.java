package io.kubeling.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubeling.openapi.ModelSchemas.Gvk;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Schemas of the groups beyond core: kube's names, descriptions and patch metadata for each. */
class ModelSchemasTest {

    @Test
    void namesDescribesAndTagsAnAppsKind() {
        ModelSchemas schemas = new ModelSchemas(Map.of(Deployment.class, List.of(new Gvk("apps", "v1", "Deployment"))));
        assertThat(schemas.ref(Deployment.class)).isEqualTo("#/components/schemas/io.k8s.api.apps.v1.Deployment");
        ObjectNode all = schemas.components();
        JsonNode deployment = all.get("io.k8s.api.apps.v1.Deployment");
        assertThat(deployment.get("description").asText()).startsWith("Deployment enables declarative updates");
        assertThat(deployment.get("x-kubernetes-group-version-kind").toString())
                .isEqualTo("[{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}]");
        JsonNode spec = all.get("io.k8s.api.apps.v1.DeploymentSpec");
        assertThat(spec.get("required").toString()).isEqualTo("[\"selector\",\"template\"]");
        assertThat(spec.at("/properties/strategy/x-kubernetes-patch-strategy").asText()).isEqualTo("retainKeys");
        assertThat(all.at("/io.k8s.api.apps.v1.DeploymentStatus/properties/conditions/x-kubernetes-patch-merge-key")
                .asText()).isEqualTo("type");
        assertThat(all.has("io.k8s.api.core.v1.PodTemplateSpec")).isTrue();
    }

    @Test
    void otherGroupsAndSharedKindNamesFindTheirDocumentation() {
        ModelSchemas schemas = new ModelSchemas(Map.of());
        schemas.ref(Job.class);
        schemas.ref(Lease.class);
        schemas.ref(EndpointSlice.class);
        schemas.ref(Event.class);
        ObjectNode all = schemas.components();
        assertThat(all.at("/io.k8s.api.batch.v1.Job/description").asText()).startsWith("Job represents");
        assertThat(all.at("/io.k8s.api.coordination.v1.Lease/description").asText()).startsWith("Lease defines");
        assertThat(all.at("/io.k8s.api.coordination.v1.LeaseSpec/properties/renewTime/allOf/0/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime");
        assertThat(all.at("/io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime/format").asText()).isEqualTo("date-time");
        // Two groups share the EndpointPort and Event kind names; each gets its own documentation.
        assertThat(all.at("/io.k8s.api.discovery.v1.EndpointPort/properties/port/description").asText())
                .isNotEmpty();
        assertThat(all.at("/io.k8s.api.core.v1.Event/description").asText()).startsWith("Event is a report");
        assertThat(all.at("/io.k8s.api.core.v1.Event/required").toString()).contains("involvedObject");
    }
}
