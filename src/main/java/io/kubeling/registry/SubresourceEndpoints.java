package io.kubeling.registry;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** Every {@link SubresourceEndpoint}, found by resource and subresource name. */
@Component
public class SubresourceEndpoints {

    private final Map<String, SubresourceEndpoint> byPath = new ConcurrentHashMap<>();

    public SubresourceEndpoints(List<SubresourceEndpoint> endpoints) {
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

    /** Serves an endpoint from now on (a custom resource's scale), in place of one at the same path. */
    public void register(SubresourceEndpoint endpoint) {
        byPath.put(key(endpoint.resource(), endpoint.subresource()), endpoint);
    }

    /** Stops serving the endpoint at a path. */
    public void remove(GroupResource resource, String subresource) {
        byPath.remove(key(resource, subresource));
    }

    private static String key(GroupResource resource, String subresource) {
        return resource + "/" + subresource;
    }
}
