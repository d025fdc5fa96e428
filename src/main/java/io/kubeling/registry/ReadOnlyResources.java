package io.kubeling.registry;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** Every {@link ReadOnlyResource}, found by group, version and plural. */
@Component
public class ReadOnlyResources {

    private final List<ReadOnlyResource> resources;

    public ReadOnlyResources(List<ReadOnlyResource> resources) {
        this.resources = resources.stream().sorted(Comparator.comparing(ReadOnlyResource::plural)).toList();
    }

    public Optional<ReadOnlyResource> find(String group, String version, String plural) {
        return resources.stream().filter(r -> r.group().equals(group) && r.version().equals(version)
                && r.plural().equals(plural)).findFirst();
    }

    public List<ReadOnlyResource> all() {
        return resources;
    }
}
