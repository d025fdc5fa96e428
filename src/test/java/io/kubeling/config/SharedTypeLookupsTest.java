package io.kubeling.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * A server's bean factory answers a type lookup from what a factory with the same definitions (and singletons) found
 * before it in the JVM, once its definitions are complete; any other difference is asked of its own definitions.
 */
class SharedTypeLookupsTest {

    /** Types of this test's own, so that no other test's factories in the JVM share their answers. */
    interface Engine {
    }

    static final class Diesel implements Engine {
    }

    static final class Electric implements Engine {
    }

    static final class Wheel {
    }

    /** What it makes is known once it is made. */
    static final class EngineFactory implements FactoryBean<Engine> {

        @Override
        public Engine getObject() {
            return new Diesel();
        }

        @Override
        public Class<?> getObjectType() {
            return Diesel.class;
        }
    }

    @Test
    void aFactoryWithTheSameDefinitionsGetsTheAnswerAnEarlierOneFound() {
        SharedTypeLookups first = factory("diesel", Diesel.class);
        first.shareLookups();
        String[] found = first.getBeanNamesForType(Engine.class, true, true);
        assertThat(found).containsExactly("diesel");

        SharedTypeLookups second = factory("diesel", Diesel.class);
        assertThat(second.getBeanNamesForType(Engine.class, true, true)).as("before its definitions are complete")
                .containsExactly("diesel").isNotSameAs(found);
        second.shareLookups();
        assertThat(second.getBeanNamesForType(Engine.class, true, true)).as("not asked of its definitions again")
                .isSameAs(found);
        assertThat(second.getBean("diesel")).isInstanceOf(Diesel.class).isNotSameAs(first.getBean("diesel"));
    }

    @Test
    void otherDefinitionsAreAskedThemselves() {
        SharedTypeLookups first = factory("engine", Diesel.class);
        first.shareLookups();
        assertThat(first.getBeanNamesForType(Engine.class, true, true)).containsExactly("engine");

        SharedTypeLookups other = factory("engine", Electric.class);
        other.shareLookups();
        assertThat(other.getBeanNamesForType(Diesel.class, true, true)).isEmpty();
        assertThat(other.getBeanNamesForType(Electric.class, true, true)).containsExactly("engine");

        SharedTypeLookups more = factory("engine", Diesel.class);
        more.registerBeanDefinition("spare", new RootBeanDefinition(Diesel.class));
        more.shareLookups();
        assertThat(more.getBeanNamesForType(Engine.class, true, true)).containsExactly("engine", "spare");
    }

    @Test
    void aSingletonRegisteredAfterwardsIsFoundByItsFactoryAlone() {
        SharedTypeLookups first = factory("diesel", Diesel.class);
        first.shareLookups();
        assertThat(first.getBeanNamesForType(Engine.class, true, true)).containsExactly("diesel");
        first.registerSingleton("electric", new Electric());
        assertThat(first.getBeanNamesForType(Engine.class, true, true)).containsExactly("diesel", "electric");

        SharedTypeLookups second = factory("diesel", Diesel.class);
        second.shareLookups();
        assertThat(second.getBeanNamesForType(Engine.class, true, true)).containsExactly("diesel");
        second.registerSingleton("electric", new Electric());
        assertThat(second.getBeanNamesForType(Engine.class, true, true)).containsExactly("diesel", "electric");
        second.destroySingleton("electric");
        assertThat(second.getBeanNamesForType(Engine.class, true, true)).containsExactly("diesel");
    }

    @Test
    void lookupsThatMayNotInitialiseFactoryBeansAreSharedWhileTheSameFactoryBeansExist() throws Exception {
        SharedTypeLookups first = factory("engines", EngineFactory.class);
        first.shareLookups();
        String[] before = first.getBeanNamesForType(Diesel.class, true, false);
        assertThat(before).as("an engine, as far as the definition tells").isEmpty();
        first.getBean("&engines");
        assertThat(first.getBeanNamesForType(Diesel.class, true, false)).as("a diesel, as the factory bean tells")
                .containsExactly("engines");

        SharedTypeLookups second = factory("engines", EngineFactory.class);
        second.shareLookups();
        assertThat(second.getBeanNamesForType(Diesel.class, true, false)).isSameAs(before);
        second.getBean("&engines");
        assertThat(second.getBeanNamesForType(Diesel.class, true, false)).containsExactly("engines");
    }

    @Test
    void aClosedFactoryLeavesTheSharedAnswersAsTheyWere() {
        SharedTypeLookups first = factory("wheel", Wheel.class);
        first.shareLookups();
        first.registerSingleton("spare", new Wheel());
        String[] found = first.getBeanNamesForType(Wheel.class, true, true);
        first.destroySingletons();
        assertThat(first.getBeanNamesForType(Wheel.class, true, true)).containsExactly("wheel");

        SharedTypeLookups second = factory("wheel", Wheel.class);
        second.shareLookups();
        second.registerSingleton("spare", new Wheel());
        assertThat(second.getBeanNamesForType(Wheel.class, true, true)).isSameAs(found);
    }

    private static SharedTypeLookups factory(String name, Class<?> type) {
        SharedTypeLookups factory = new SharedTypeLookups();
        factory.registerBeanDefinition(name, new RootBeanDefinition(type));
        return factory;
    }
}
