package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.filter.RequestContextFilter;

import io.kubeling.support.KubelingTest;

/** Spring Boot's RequestContextFilter stays out of the chain, where the DispatcherServlet does its work anyway. */
@KubelingTest
class RequestContextFilterOffTest {

    @Autowired
    ServletContext servletContext;

    @Test
    void noRequestContextFilterIsRegistered() {
        assertThat(servletContext.getFilterRegistrations().values()).extracting(FilterRegistration::getClassName)
                .isNotEmpty()
                .contains(EdgeFilter.class.getName())
                .doesNotContain(RequestContextFilter.class.getName(),
                        "org.springframework.boot.servlet.filter.OrderedRequestContextFilter");
    }
}
