package io.kubeling.resources.admissionpolicies;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingList;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyList;
import io.kubeling.registry.ResourceDefinition;

/** admissionregistration.k8s.io/v1's ValidatingAdmissionPolicy (with its status) and its bindings, cluster-scoped. */
@Configuration(proxyBeanMethods = false)
public class AdmissionPolicyResource {

    static final String GROUP = "admissionregistration.k8s.io";

    @Bean
    public ResourceDefinition<ValidatingAdmissionPolicy> validatingAdmissionPolicies() {
        return new ResourceDefinition<>(GROUP, "v1", "validatingadmissionpolicies", "validatingadmissionpolicy",
                "ValidatingAdmissionPolicy", false, List.of(), List.of("api-extensions"),
                ValidatingAdmissionPolicy.class, ValidatingAdmissionPolicyList.class,
                new ValidatingAdmissionPolicyStrategy(),
                Map.of("status", new ValidatingAdmissionPolicyStatusStrategy()), new PolicyTable());
    }

    @Bean
    public ResourceDefinition<ValidatingAdmissionPolicyBinding> validatingAdmissionPolicyBindings() {
        return new ResourceDefinition<>(GROUP, "v1", "validatingadmissionpolicybindings",
                "validatingadmissionpolicybinding", "ValidatingAdmissionPolicyBinding", false, List.of(),
                List.of("api-extensions"), ValidatingAdmissionPolicyBinding.class,
                ValidatingAdmissionPolicyBindingList.class, new ValidatingAdmissionPolicyBindingStrategy(), Map.of(),
                new BindingTable());
    }
}
