package io.kubeling.resources.services;

import static io.kubeling.resources.services.TestServices.create;
import static io.kubeling.resources.services.TestServices.port;
import static io.kubeling.resources.services.TestServices.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;

class ServiceStrategyValidationTest {

    private static final String DNS_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
            + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private static final String DNS_SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
            + "'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*"
            + "[a-z0-9])?)*')";

    @Test
    void portsAreRequiredExceptForHeadlessAndExternalName() {
        assertThat(create(service("ClusterIP").build())).containsExactly("spec.ports: Required value");
        assertThat(create(service("ClusterIP").editSpec().withClusterIP("None").endSpec().build())).isEmpty();
        assertThat(create(service("ExternalName").editSpec().withExternalName("db.example.com").endSpec().build()))
                .isEmpty();
    }

    @Test
    void portNamesAreRequiredWhenThereAreSeveral() {
        assertThat(create(service("ClusterIP", port("http", 80), port(null, 443)).build()))
                .containsExactly("spec.ports[1].name: Required value");
    }

    @Test
    void portNamesAreUnique() {
        assertThat(create(service("ClusterIP", port("http", 80), port("http", 443)).build()))
                .containsExactly("spec.ports[1].name: Duplicate value: \"http\"");
    }

    @Test
    void portNamesAreDnsLabels() {
        assertThat(create(service("ClusterIP", port("HTTP", 80)).build()))
                .containsExactly("spec.ports[0].name: Invalid value: \"HTTP\": " + DNS_LABEL);
    }

    @Test
    void portNumbersAreInRange() {
        assertThat(create(service("ClusterIP", port("http", 0)).build())).containsExactly(
                "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive");
        assertThat(create(service("ClusterIP", port("http", 80, 70000)).build())).containsExactly(
                "spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive");
    }

    @Test
    void namedTargetPortsAreIanaServiceNames() {
        assertThat(create(service("ClusterIP", port("http", 80, "http_x")).build())).containsExactly(
                "spec.ports[0].targetPort: Invalid value: \"http_x\": must contain only alpha-numeric characters "
                        + "(a-z, 0-9), and hyphens (-)");
        assertThat(create(service("ClusterIP", port("http", 80, "8080")).build())).containsExactly(
                "spec.ports[0].targetPort: Invalid value: \"8080\": must contain at least one letter (a-z)");
        assertThat(create(service("ClusterIP", port("http", 80, "a-very-long-port-name")).build())).containsExactly(
                "spec.ports[0].targetPort: Invalid value: \"a-very-long-port-name\": must be no more than 15 characters");
    }

    @Test
    void protocolIsOneOfTheSupportedOnes() {
        ServicePort p = port("http", 80);
        p.setProtocol("FOO");
        assertThat(create(service("ClusterIP", p).build())).containsExactly(
                "spec.ports[0].protocol: Unsupported value: \"FOO\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
    }

    @Test
    void typeIsOneOfTheSupportedOnes() {
        assertThat(create(service("Foo", port("http", 80)).build())).containsExactly(
                "spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\", \"ExternalName\", "
                        + "\"LoadBalancer\", \"NodePort\"");
    }

    @Test
    void selectorHasLabelSyntax() {
        Service svc = service("ClusterIP", port("http", 80)).editSpec().withSelector(Map.of("a b", "-x")).endSpec()
                .build();
        assertThat(create(svc)).containsExactly(
                "spec.selector: Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' "
                        + "or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
                        + "'my.name',  or '123-abc', regex used for validation is "
                        + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "spec.selector: Invalid value: \"-x\": a valid label must be an empty string or consist of "
                        + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                        + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }

    @Test
    void sessionAffinityIsNoneOrClientIP() {
        Service svc = service("ClusterIP", port("http", 80)).editSpec().withSessionAffinity("Sticky").endSpec().build();
        assertThat(create(svc)).containsExactly(
                "spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\"");
    }

    @Test
    void clientIPTimeoutIsBounded() {
        Service svc = service("ClusterIP", port("http", 80)).editSpec().withSessionAffinity("ClientIP")
                .withNewSessionAffinityConfig().withNewClientIP().withTimeoutSeconds(0).endClientIP()
                .endSessionAffinityConfig().endSpec().build();
        assertThat(create(svc)).containsExactly(
                "spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and "
                        + "less than 86400");
    }

    @Test
    void externalNameIsARequiredDnsSubdomain() {
        assertThat(create(service("ExternalName").build())).containsExactly("spec.externalName: Required value");
        assertThat(create(service("ExternalName").editSpec().withExternalName("bad_name").endSpec().build()))
                .containsExactly("spec.externalName: Invalid value: \"bad_name\": " + DNS_SUBDOMAIN);
        assertThat(create(service("ExternalName").editSpec().withExternalName("db.example.com.").endSpec().build()))
                .isEmpty();
    }

    @Test
    void externalNameServicesHaveNoClusterIP() {
        Service svc = service("ExternalName").editSpec().withExternalName("db.example.com").withClusterIP("10.0.0.1")
                .endSpec().build();
        assertThat(create(svc)).containsExactly("spec.clusterIPs: Forbidden: may not be set for ExternalName services");
    }

    @Test
    void noneIsOnlyForClusterIPServices() {
        assertThat(create(service("NodePort", port("http", 80)).editSpec().withClusterIP("None").endSpec().build()))
                .containsExactly("spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services");
        assertThat(create(service("LoadBalancer", port("http", 80)).editSpec().withClusterIP("None").endSpec().build()))
                .containsExactly(
                        "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services");
    }

    @Test
    void clusterIPMustBeAnAddress() {
        assertThat(create(service("ClusterIP", port("http", 80)).editSpec().withClusterIP("abc").endSpec().build()))
                .containsExactly("spec.clusterIPs[0]: Invalid value: \"abc\": must be a valid IP address, (e.g. "
                        + "10.9.8.7 or 2001:db8::ffff)");
    }

    @Test
    void clusterIPMustMatchItsFamily() {
        Service svc = service("ClusterIP", port("http", 80)).editSpec().withClusterIP("10.0.0.1").withIpFamilies("IPv6")
                .endSpec().build();
        assertThat(create(svc)).containsExactly(
                "spec.clusterIPs[0]: Invalid value: \"10.0.0.1\": expected an IPv6 value as indicated by `ipFamilies[0]`");
    }

    @Test
    void clusterIPsMustStartWithClusterIP() {
        Service svc = service("ClusterIP", port("http", 80)).editSpec().withClusterIP("10.0.0.1")
                .withClusterIPs("10.0.0.2").endSpec().build();
        assertThat(create(svc)).containsExactly(
                "spec.clusterIPs: Invalid value: []string{\"10.0.0.2\"}: first value must match `clusterIP`");
    }

    @Test
    void ipFamilyPolicyIsOneOfTheSupportedOnes() {
        Service svc = service("ClusterIP", port("http", 80)).editSpec().withIpFamilyPolicy("Foo").endSpec().build();
        assertThat(create(svc)).containsExactly("spec.ipFamilyPolicy: Unsupported value: \"Foo\": supported values: "
                + "\"PreferDualStack\", \"RequireDualStack\", \"SingleStack\"");
    }

    @Test
    void externalIPsMustNotBeSpecial() {
        Service svc = service("ClusterIP", port("http", 80)).editSpec().withExternalIPs("127.0.0.1", "nope").endSpec()
                .build();
        assertThat(create(svc)).containsExactly(
                "spec.externalIPs[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
                "spec.externalIPs[1]: Invalid value: \"nope\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
    }

    @Test
    void nodePortsAreForbiddenOnClusterIPServices() {
        ServicePort p = port("http", 80);
        p.setNodePort(30080);
        assertThat(create(service("ClusterIP", p).build()))
                .containsExactly("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
    }

    @Test
    void portsAndNodePortsAreUniquePerProtocol() {
        ServicePort a = port("a", 80);
        a.setNodePort(30080);
        ServicePort b = port("b", 80);
        b.setNodePort(30080);
        ServicePort udp = port("c", 80);
        udp.setProtocol("UDP");
        assertThat(create(service("NodePort", a, b, udp).build())).containsExactly(
                "spec.ports[1].nodePort: Duplicate value: 30080",
                "spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", "
                        + "AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, "
                        + "StrVal:\"\"}, NodePort:0}");
    }

    @Test
    void sourceRangesAreCidrsOnLoadBalancers() {
        assertThat(create(service("ClusterIP", port("http", 80)).editSpec().withLoadBalancerSourceRanges("10.0.0.0/8")
                .endSpec().build())).containsExactly(
                        "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'");
        assertThat(create(service("LoadBalancer", port("http", 80)).editSpec()
                .withLoadBalancerSourceRanges("10.0.0.0/33", " 192.168.0.0/16 ").endSpec().build())).containsExactly(
                        "spec.LoadBalancerSourceRanges[0]: Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, "
                                + "(e.g. 10.9.8.0/24 or 2001:db8::/64)");
    }

    @Test
    void loadBalancerClassIsOnlyForLoadBalancers() {
        assertThat(create(service("ClusterIP", port("http", 80)).editSpec().withLoadBalancerClass("example.com/lb")
                .endSpec().build())).containsExactly(
                        "spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'");
    }

    @Test
    void externalTrafficPolicyIsOnlyForExternallyAccessibleServices() {
        assertThat(create(service("ClusterIP", port("http", 80)).editSpec().withExternalTrafficPolicy("Local")
                .endSpec().build())).containsExactly(
                        "spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for "
                                + "externally-accessible services");
        assertThat(create(service("NodePort", port("http", 80)).editSpec().withExternalTrafficPolicy("Global")
                .endSpec().build())).containsExactly(
                        "spec.externalTrafficPolicy: Unsupported value: \"Global\": supported values: \"Cluster\", "
                                + "\"Local\"");
    }

    @Test
    void localLoadBalancersNeedAHealthCheckNodePort() {
        assertThat(create(service("LoadBalancer", port("http", 80)).editSpec().withExternalTrafficPolicy("Local")
                .endSpec().build())).containsExactly("spec.healthCheckNodePort: Required value");
        assertThat(create(service("NodePort", port("http", 80)).editSpec().withHealthCheckNodePort(30000)
                .endSpec().build())).containsExactly(
                        "spec.healthCheckNodePort: Invalid value: 30000: may only be set when `type` is "
                                + "'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
    }

    @Test
    void internalTrafficPolicyIsClusterOrLocal() {
        assertThat(create(service("ClusterIP", port("http", 80)).editSpec().withInternalTrafficPolicy("Foo")
                .endSpec().build())).containsExactly(
                        "spec.internalTrafficPolicy: Unsupported value: \"Foo\": supported values: \"Cluster\", \"Local\"");
    }

    @Test
    void topologyAnnotationsMustAgree() {
        Service svc = service("ClusterIP", port("http", 80)).editMetadata()
                .withAnnotations(Map.of("service.kubernetes.io/topology-mode", "Auto",
                        "service.kubernetes.io/topology-aware-hints", "Disabled"))
                .endMetadata().build();
        assertThat(create(svc)).containsExactly(
                "metadata.annotations[service.kubernetes.io/topology-mode]: Invalid value: \"Auto\": must match "
                        + "annotations[service.kubernetes.io/topology-aware-hints] when both are specified");
    }

    @Test
    void aDualStackClusterIPPairIsAcceptedByValidation() {
        Service svc = new ServiceBuilder(service("ClusterIP", port("http", 80)).build()).editSpec()
                .withClusterIP("10.0.0.1").withClusterIPs("10.0.0.1", "fd00::1").withIpFamilyPolicy("RequireDualStack")
                .endSpec().build();
        assertThat(create(svc)).isEmpty();
        assertThat(svc.getSpec().getIpFamilies()).containsExactly("IPv4", "IPv6");
    }

    @Test
    void addressesAreParsedAsKubeDoesWithoutAResolver() {
        assertThat(create(service("ClusterIP", port("http", 80)).editSpec().withClusterIP("010.096.000.001").endSpec()
                .build())).isEmpty();
        assertThat(create(service("ClusterIP", port("http", 80)).editSpec().withClusterIP("localhost").endSpec()
                .build())).containsExactly("spec.clusterIPs[0]: Invalid value: \"localhost\": must be a valid IP "
                        + "address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        assertThat(create(service("ClusterIP", port("http", 80)).editSpec().withClusterIP(".:1").endSpec().build()))
                .hasSize(1);
        assertThat(create(service("ClusterIP", port("http", 80)).editSpec().withClusterIP("1.2.3.256").endSpec()
                .build())).hasSize(1);
    }

    @Test
    void anIPv6ClusterIPGivesTheIPv6Family() {
        Service svc = service("ClusterIP", port("http", 80)).editSpec().withClusterIP("fd00::10").endSpec().build();
        assertThat(create(svc)).isEmpty();
        assertThat(svc.getSpec().getIpFamilies()).containsExactly("IPv6");
    }
}
