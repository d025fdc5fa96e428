package io.kubeling.rbac;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.kubeling.config.AuthorizationProperties;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.Authorizer;
import io.kubeling.registry.Registry;

/** The server's authorizer, as {@code kubeling.authorization.mode} chooses it. */
@Configuration(proxyBeanMethods = false)
public class AuthorizationConfiguration {

    @Bean
    public RuleResolver ruleResolver(Registry registry) {
        return new RuleResolver(registry);
    }

    @Bean
    public Authorizer authorizer(AuthorizationProperties authorization, KubelingProperties properties,
            RuleResolver resolver) {
        return AuthorizationProperties.RBAC.equals(authorization.modeFor(properties.bindAddress()))
                ? new RbacAuthorizer(resolver) : Authorizer.ALWAYS_ALLOW;
    }
}
