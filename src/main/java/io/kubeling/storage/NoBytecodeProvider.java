package io.kubeling.storage;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.internal.none.BytecodeProviderImpl;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Hibernate without ByteBuddy for the log's persistence unit: its two entities have no associations to load lazily,
 * so no proxy class, and their fields are read and written by reflection. Hibernate 7 finds its bytecode provider
 * through a service loader, not through {@code hibernate.bytecode.provider}, and ByteBuddy's came with some 930
 * classes of its own, which every server loaded and the class data sharing archive held. Found by Hibernate's service
 * loader as a {@code ServiceContributor}, which every persistence unit of the JVM sees: it acts only for a unit whose
 * settings ask for it with {@link #SETTING}, so that an application's own entities in the same JVM keep their proxies.
 */
public final class NoBytecodeProvider implements ServiceContributor {

    /** The setting ({@code true}) of a persistence unit that runs without a bytecode provider. */
    public static final String SETTING = "io.kubeling.storage.no-bytecode-provider";

    @Override
    public void contribute(StandardServiceRegistryBuilder registry) {
        if ("true".equals(String.valueOf(registry.getSettings().get(SETTING)))) {
            registry.addService(BytecodeProvider.class, new BytecodeProviderImpl());
        }
    }
}
