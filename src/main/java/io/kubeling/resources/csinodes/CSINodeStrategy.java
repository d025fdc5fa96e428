package io.kubeling.resources.csinodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSINodeDriver;
import io.fabric8.kubernetes.api.model.storage.CSINodeSpec;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/** kube's csinodeStrategy and ValidateCSINode: each driver named once, with a node ID and valid topology keys. */
class CSINodeStrategy implements Strategy<CSINode> {

    private static final int MAX_NODE_ID = 192;

    @Override
    public void prepareForCreate(CSINode node) {
        if (node.getSpec() == null) {
            node.setSpec(new CSINodeSpec());
        }
    }

    @Override
    public void prepareForUpdate(CSINode node, CSINode old) {
        prepareForCreate(node);
    }

    @Override
    public List<FieldError> validate(CSINode node) {
        List<FieldError> errs = new ArrayList<>();
        List<CSINodeDriver> drivers = node.getSpec().getDrivers() == null ? List.of() : node.getSpec().getDrivers();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < drivers.size(); i++) {
            CSINodeDriver d = drivers.get(i);
            String path = "spec.drivers[" + i + "]";
            String name = d.getName() == null ? "" : d.getName();
            if (name.isEmpty()) {
                errs.add(FieldError.required(path + ".name", ""));
            } else {
                if (name.length() > 63) {
                    errs.add(FieldError.tooLong(path + ".name", 63));
                }
                Names.dns1123Subdomain(name.toLowerCase(java.util.Locale.ROOT))
                        .forEach(m -> errs.add(FieldError.invalid(path + ".name", name, m)));
            }
            if (!names.add(name)) {
                errs.add(FieldError.duplicate(path + ".name", name));
            }
            String id = d.getNodeID() == null ? "" : d.getNodeID();
            if (id.isEmpty()) {
                errs.add(FieldError.required(path + ".nodeID", ""));
            } else if (id.length() > MAX_NODE_ID) {
                errs.add(FieldError.invalid(path + ".nodeID", id,
                        "must be " + MAX_NODE_ID + " characters or less"));
            }
            List<String> keys = d.getTopologyKeys() == null ? List.of() : d.getTopologyKeys();
            Set<String> seen = new HashSet<>();
            for (String key : keys) {
                if (key.isEmpty()) {
                    errs.add(FieldError.required(path + ".topologyKeys", key));
                } else if (!seen.add(key)) {
                    errs.add(FieldError.duplicate(path + ".topologyKeys", key));
                } else {
                    Names.qualifiedName(key).forEach(m -> errs.add(FieldError.invalid(path + ".topologyKeys", key, m)));
                }
            }
            if (d.getAllocatable() != null && d.getAllocatable().getCount() != null
                    && d.getAllocatable().getCount() < 0) {
                errs.add(FieldError.invalid(path + ".allocatable.count", d.getAllocatable().getCount(),
                        "must be greater than or equal to 0"));
            }
        }
        return errs;
    }
}
