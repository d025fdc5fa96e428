package io.kubeling.storage;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.internal.none.BytecodeProviderImpl;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Hibernate without ByteBuddy: the log's two entities have no associations to load lazily, so no proxy class, and
 * their fields are read and written by reflection. Hibernate 7 finds its bytecode provider through a service loader,
 * not through {@code hibernate.bytecode.provider}, and ByteBuddy's came with some 930 classes of its own, which every
 * server loaded and the class data sharing archive held (found by Hibernate's service loader, as a
 * {@code ServiceContributor}).
 */
public final class NoBytecodeProvider implements ServiceContributor {

    @Override
    public void contribute(StandardServiceRegistryBuilder registry) {
        registry.addService(BytecodeProvider.class, new BytecodeProviderImpl());
    }
}
