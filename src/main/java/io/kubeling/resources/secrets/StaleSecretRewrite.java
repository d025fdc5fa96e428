package io.kubeling.resources.secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Secret;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;

/**
 * On every start, writes again each secret not stored with the current key (one stored in plain text before
 * encryption, or with a key that is no longer first), so that rotating a key only takes a restart. An
 * update that leaves a secret as it is rewrites it the same way, as {@code kubectl replace} does in kube.
 */
@Component
class StaleSecretRewrite implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StaleSecretRewrite.class);

    private final Registry registry;

    StaleSecretRewrite(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) {
        int rewritten = rewriteAll();
        if (rewritten > 0) {
            log.info("re-encrypted {} secrets with the current key", rewritten);
        }
    }

    /** Rewrites every stale secret; returns how many were written. */
    int rewriteAll() {
        var store = registry.store(Secret.class);
        int count = 0;
        for (Secret secret : store.list(null, ListOptions.ALL).items()) {
            String namespace = secret.getMetadata().getNamespace();
            String name = secret.getMetadata().getName();
            String before = secret.getMetadata().getResourceVersion();
            try {
                var result = store.update(namespace, name, null, current -> current, WriteOptions.DEFAULT);
                if (!before.equals(result.object().getMetadata().getResourceVersion())) {
                    count++;
                }
            } catch (StatusException e) {
                log.warn("secret {}/{} not re-encrypted: {}", namespace, name, e.getMessage());
            }
        }
        return count;
    }
}
