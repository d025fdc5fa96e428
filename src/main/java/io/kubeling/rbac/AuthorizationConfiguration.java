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
        String mode = authorization.modeFor(environment.getProperty("server.address", ""));
        if (!AuthorizationProperties.rbac(mode)) {
            return Authorizer.ALWAYS_ALLOW;
        }
        return new RbacAuthorizer(resolver, AuthorizationProperties.NODE_RBAC.equals(mode)
                ? new NodeAuthorizer(new NodeGraph(resolver.registry()), nodeRules()) : null);
    }

    /** kube's NodeRules: the rules of the system:node role, which the Node authorizer grants every node. */
    public static java.util.List<io.fabric8.kubernetes.api.model.rbac.PolicyRule> nodeRules() {
        return BootstrapPolicy.load().clusterRole("system:node").getRules();
    }
}
