package io.kubeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import org.hibernate.boot.registry.classloading.internal.TcclLookupPrecedence;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.jpa.EntityManagerFactoryBuilder;
import org.springframework.orm.jpa.persistenceunit.MutablePersistenceUnitInfo;
import org.springframework.orm.jpa.persistenceunit.PersistenceUnitPostProcessor;

class StorageConfigurationTest {

    /** Hibernate reads the thread's class loader's precedence from the unit's own properties, not the JPA map. */
    @Test
    void hibernateLooksItsClassesUpWithoutTheThreadsLoader() {
        EntityManagerFactoryBuilder builder = mock(EntityManagerFactoryBuilder.class);
        new StorageConfiguration().hibernateClassesFromItsOwnLoader().customize(builder);
        ArgumentCaptor<PersistenceUnitPostProcessor> processor = ArgumentCaptor.forClass(PersistenceUnitPostProcessor.class);
        verify(builder).addPersistenceUnitPostProcessors(processor.capture());

        MutablePersistenceUnitInfo unit = new MutablePersistenceUnitInfo();
        processor.getValue().postProcessPersistenceUnitInfo(unit);
        assertThat(TcclLookupPrecedence.from(unit.getProperties(), TcclLookupPrecedence.AFTER))
                .isEqualTo(TcclLookupPrecedence.NEVER);
    }
}
