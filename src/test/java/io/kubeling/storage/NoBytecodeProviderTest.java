package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.junit.jupiter.api.Test;

class NoBytecodeProviderTest {

    @Test
    void theLogsUnitRunsWithoutBytecodeProvider() {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(NoBytecodeProvider.SETTING, true).build();
        try {
            assertThat(registry.getService(BytecodeProvider.class))
                    .isInstanceOf(org.hibernate.bytecode.internal.none.BytecodeProviderImpl.class);
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    @Test
    void anotherUnitOfTheJvmKeepsHibernatesOwn() {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().build();
        try {
            assertThat(registry.getService(BytecodeProvider.class))
                    .isNotInstanceOf(org.hibernate.bytecode.internal.none.BytecodeProviderImpl.class);
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }
}
