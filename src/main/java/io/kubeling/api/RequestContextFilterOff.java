package io.kubeling.api;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.RequestContextFilter;

/**
 * Keeps Spring Boot's RequestContextFilter out of the chain: it puts the request and its locale in thread-locals
 * for what runs after it, which is only the metrics filter (which reads neither) and the DispatcherServlet, which
 * puts them there again itself; so every request made both twice.
 */
@Configuration(proxyBeanMethods = false)
class RequestContextFilterOff {

    @Bean
    FilterRegistrationBean<RequestContextFilter> disabledRequestContextFilter() {
        FilterRegistrationBean<RequestContextFilter> registration = new FilterRegistrationBean<>(
                new RequestContextFilter());
        registration.setEnabled(false);
        return registration;
    }
}
