package io.kubeling.openapi;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.ReadOnlyResources;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.SubresourceEndpoints;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI documents of what is served now: built when first asked for (most servers, a test's above all, are
 * never asked), and again when asked after the registry changed (a CRD was established or removed).
 */
@Component
public class OpenApiDocuments {

    private final Registry registry;
    private final ReadOnlyResources computed;
    private final SubresourceEndpoints endpoints;
    private final KubelingProperties properties;
    private final Clock clock;
    private final Map<List<ResourceDefinition<?>>, ObjectNode> groupVersions = new HashMap<>();
    private long v3Generation = -1;
    private OpenApiV3Documents v3;
    private long v2Generation = -1;
    private OpenApiV2Document v2;

    OpenApiDocuments(Registry registry, ReadOnlyResources computed, SubresourceEndpoints endpoints,
            KubelingProperties properties, Clock clock) {
        this.registry = registry;
        this.computed = computed;
        this.endpoints = endpoints;
        this.properties = properties;
        this.clock = clock;
    }

    public synchronized OpenApiV3Documents v3() {
        long generation = registry.generation();
        if (v3 == null || generation != v3Generation) {
            v3 = new OpenApiV3Documents(registry, computed.all(), endpoints, properties, groupVersions);
            groupVersions.clear();
            groupVersions.putAll(v3.byDefinitions());
            v3Generation = generation;
        }
        return v3;
    }

    public synchronized OpenApiV2Document v2() {
        OpenApiV3Documents current = v3();
        if (v2 == null || v2Generation != v3Generation) {
            v2 = new OpenApiV2Document(current, clock);
            v2Generation = v3Generation;
        }
        return v2;
    }
}
