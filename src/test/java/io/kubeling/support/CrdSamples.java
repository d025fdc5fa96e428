package io.kubeling.support;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** A CronTab-like CRD as tests install it: a schema, the status and scale subresources and printer columns. */
public final class CrdSamples {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private CrdSamples() {
    }

    /**
     * The CRD {@code <plural>.<group>} of kind {@code kind}, {@code Namespaced} or {@code Cluster}, with the short
     * name {@code <singular>-<first label of the group>}, which CRDs of other groups in the same server do not share.
     */
    public static String yaml(String group, String plural, String kind, String scope) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: %2$s.%1$s
                spec:
                  group: %1$s
                  scope: %4$s
                  names:
                    plural: %2$s
                    singular: %5$s
                    kind: %3$s
                    shortNames: [%5$s-%6$s]
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        description: A %3$s runs a command on a schedule.
                        properties:
                          spec:
                            type: object
                            properties:
                              cronSpec:
                                type: string
                                description: The schedule in cron format.
                              image:
                                type: string
                              replicas:
                                type: integer
                                minimum: 0
                          status:
                            type: object
                            properties:
                              replicas:
                                type: integer
                              selector:
                                type: string
                    selectableFields:
                    - jsonPath: .spec.image
                    subresources:
                      status: {}
                      scale:
                        specReplicasPath: .spec.replicas
                        statusReplicasPath: .status.replicas
                        labelSelectorPath: .status.selector
                    additionalPrinterColumns:
                    - name: Spec
                      type: string
                      jsonPath: .spec.cronSpec
                    - name: Replicas
                      type: integer
                      jsonPath: .spec.replicas
                    - name: Image
                      type: string
                      priority: 1
                      jsonPath: .spec.image
                    - name: Age
                      type: date
                      jsonPath: .metadata.creationTimestamp
                """.formatted(group, plural, kind, scope, kind.toLowerCase(java.util.Locale.ROOT), group.split("\\.")[0]);
    }

    public static CustomResourceDefinition crd(String group, String plural, String kind, String scope) {
        return YAML.readValue(yaml(group, plural, kind, scope), CustomResourceDefinition.class);
    }
}
