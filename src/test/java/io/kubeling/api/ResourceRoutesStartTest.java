package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The routes find the controller's handler methods as the server starts, so that a mismatch stops the start. */
class ResourceRoutesStartTest {

    @Test
    @SuppressWarnings("unchecked")
    void routesWithoutTheControllersMappingsFailTheStart() {
        ObjectProvider<RequestMappingHandlerMapping> mappings = mock(ObjectProvider.class);
        when(mappings.getIfAvailable()).thenReturn(new RequestMappingHandlerMapping());
        ResourceRoutes routes = new ResourceRoutes(mappings);

        assertThatThrownBy(routes::afterSingletonsInstantiated).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ResourceController");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aServerWithoutItsWebLayerStartsWithNoRoutes() {
        ObjectProvider<RequestMappingHandlerMapping> mappings = mock(ObjectProvider.class);
        ResourceRoutes routes = new ResourceRoutes(mappings);

        assertThatCode(routes::afterSingletonsInstantiated).doesNotThrowAnyException();
    }
}
