package io.kubeling.resources.serviceaccounts;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * Kube's rules for service accounts (pkg/registry/core/serviceaccount): a secret reference keeps only its
 * name, since a service account may only name secrets of its own namespace.
 */
public class ServiceAccountStrategy implements Strategy<ServiceAccount> {

    public ServiceAccountStrategy() {
    }

    @Override
    public void prepareForCreate(ServiceAccount account) {
        cleanSecretReferences(account);
    }

    @Override
    public void prepareForUpdate(ServiceAccount account, ServiceAccount old) {
        cleanSecretReferences(account);
    }

    @Override
    public List<FieldError> validate(ServiceAccount account) {
        return List.of();
    }

    private static void cleanSecretReferences(ServiceAccount account) {
        if (account.getSecrets() == null) {
            return;
        }
        List<ObjectReference> cleaned = new ArrayList<>();
        for (ObjectReference ref : account.getSecrets()) {
            ObjectReference only = new ObjectReference();
            only.setName(ref.getName());
            cleaned.add(only);
        }
        account.setSecrets(cleaned);
    }
}
