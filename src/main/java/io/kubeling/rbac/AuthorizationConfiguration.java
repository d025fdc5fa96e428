package io.kubeling.rbac;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.kubeling.config.AuthorizationProperties;
import io.kubeling.registry.Authorizer;
import io.kubeling.registry.Registry;

/** The server's authorizer, as {@code kubeling.authorization.mode} chooses it. */
@Configuration(proxyBeanMethods = false)
public class AuthorizationConfiguration {

    @Bean
    public RuleResolver ruleResolver(Registry registry) {
        return new RuleResolver(registry);
    }

    /**
     * The mode follows the address the server binds: {@code server.address}, which {@code kubeling.bind-address}
     * sets unless it is itself set; empty, every interface.
     */
    @Bean
    public Authorizer authorizer(AuthorizationProperties authorization, Environment environment,
            RuleResolver resolver) {
        String address = environment.getProperty("server.address", "");
        return AuthorizationProperties.RBAC.equals(authorization.modeFor(address))
                ? new RbacAuthorizer(resolver) : Authorizer.ALWAYS_ALLOW;
    }
}
