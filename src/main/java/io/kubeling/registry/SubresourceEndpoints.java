package io.kubeling.registry;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** Every {@link SubresourceEndpoint}, found by resource and subresource name. */
@Component
public class SubresourceEndpoints {

    private final Map<String, SubresourceEndpoint> byPath = new LinkedHashMap<>();

    SubresourceEndpoints(List<SubresourceEndpoint> endpoints) {
        for (SubresourceEndpoint endpoint : endpoints) {
            byPath.put(key(endpoint.resource(), endpoint.subresource()), endpoint);
        }
    }

    public Optional<SubresourceEndpoint> find(GroupResource resource, String subresource) {
        return Optional.ofNullable(byPath.get(key(resource, subresource)));
    }

    /** The endpoints of one resource, by subresource name. */
    public List<SubresourceEndpoint> of(GroupResource resource) {
        return byPath.values().stream().filter(e -> e.resource().equals(resource))
                .sorted(Comparator.comparing(SubresourceEndpoint::subresource)).toList();
    }

    private static String key(GroupResource resource, String subresource) {
        return resource + "/" + subresource;
    }
}
