package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** The environment and files the kubelet gives a container: service links, references, config volumes. */
class PodEnvironmentTest {

    private final SimulatedNode node = new SimulatedNode();

    private static Service service(String ns, String name, String ip, int port, String portName) {
        return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata().withNewSpec()
                .withClusterIP(ip).addNewPort().withName(portName).withPort(port).withProtocol("TCP").endPort()
                .endSpec().build();
    }

    @Test
    void serviceLinksReferencesAndConfigVolumes() {
        node.port.serviceObjects.add(service("default", "kubernetes", "10.96.0.1", 443, "https"));
        node.port.serviceObjects.add(service("kube-system", "kube-dns", "10.96.0.10", 53, "dns"));
        node.port.serviceObjects.add(service("ns", "my-service", "10.96.12.34", 80, "http"));
        node.port.configMaps.put("ns/app", new ConfigMapBuilder().withNewMetadata().withName("app").endMetadata()
                .withData(Map.of("MODE", "debug", "app.conf", "level=3\n")).build());
        node.port.secrets.put("ns/creds", new SecretBuilder().withNewMetadata().withName("creds").endMetadata()
                .withData(Map.of("password", Base64.getEncoder().encodeToString("s3cret".getBytes()))).build());
        Pod pod = new PodBuilder().withNewMetadata().withName("env").withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().addNewVolume().withName("config").withNewConfigMap().withName("app").endConfigMap()
                .endVolume().addNewVolume().withName("secret").withNewSecret().withSecretName("creds").endSecret()
                .endVolume().addNewVolume().withName("info").withNewDownwardAPI().addNewItem().withPath("labels")
                .withNewFieldRef().withFieldPath("metadata.labels").endFieldRef().endItem().endDownwardAPI()
                .endVolume().addNewContainer().withName("c").withImage("busybox:1.36")
                .addNewEnvFrom().withPrefix("CFG_").withNewConfigMapRef().withName("app").endConfigMapRef().endEnvFrom()
                .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef().withName("creds")
                .withKey("password").endSecretKeyRef().endValueFrom().endEnv()
                .addNewEnv().withName("GREETING").withValue("hello $(POD_NAME)").endEnv()
                .addNewVolumeMount().withName("config").withMountPath("/etc/app").endVolumeMount()
                .addNewVolumeMount().withName("secret").withMountPath("/etc/creds").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("info").withMountPath("/etc/info").endVolumeMount()
                .withCommand("sh", "-c", "env | grep -E '^(MY_SERVICE|KUBERNETES_SERVICE_HOST|CFG_|POD_NAME|PASSWORD"
                        + "|GREETING)' | sort; cat /etc/app/app.conf /etc/creds/password; echo; cat /etc/info/labels;"
                        + " echo; cat /etc/resolv.conf; echo x > /etc/creds/password; sleep 3600")
                .endContainer().endSpec().withNewStatus().withPhase("Pending").endStatus().build();
        node.run(pod);
        node.advance(Duration.ofSeconds(3));
        assertThat(node.log(pod, "c")).isEqualTo("""
                CFG_MODE=debug
                CFG_app.conf=level=3
                GREETING=hello env
                KUBERNETES_SERVICE_HOST=10.96.0.1
                MY_SERVICE_PORT=tcp://10.96.12.34:80
                MY_SERVICE_PORT_80_TCP=tcp://10.96.12.34:80
                MY_SERVICE_PORT_80_TCP_ADDR=10.96.12.34
                MY_SERVICE_PORT_80_TCP_PORT=80
                MY_SERVICE_PORT_80_TCP_PROTO=tcp
                MY_SERVICE_SERVICE_HOST=10.96.12.34
                MY_SERVICE_SERVICE_PORT=80
                MY_SERVICE_SERVICE_PORT_HTTP=80
                PASSWORD=s3cret
                POD_NAME=env
                level=3
                s3cret
                app="web"
                search ns.svc.cluster.local svc.cluster.local cluster.local
                nameserver 10.96.0.10
                options ndots:5
                sh: can't create /etc/creds/password: Read-only file system
                """);
    }

    @Test
    void theServiceAccountsProjectedVolumeHoldsItsTokenCaAndNamespaceReadOnly() {
        node.port.configMaps.put("ns/kube-root-ca.crt", new ConfigMapBuilder().withNewMetadata()
                .withName("kube-root-ca.crt").endMetadata().withData(Map.of("ca.crt", "-----BEGIN CERTIFICATE-----\n"))
                .build());
        node.port.configMaps.put("ns/app", new ConfigMapBuilder().withNewMetadata().withName("app").endMetadata()
                .withData(Map.of("app.conf", "level=3\n")).build());
        node.port.tokens.put("ns/default", "eyJhbGciOiJFUzI1NiIsImtpZCI6IngifQ.eyJzdWIiOiJ4In0.c2ln");
        // the volume the ServiceAccount admission adds, as kube-apiserver writes it
        Pod pod = new PodBuilder().withNewMetadata().withName("sa").endMetadata().withNewSpec()
                .withServiceAccountName("default").addNewVolume().withName("kube-api-access-x2k9p").withNewProjected()
                .addNewSource().withNewServiceAccountToken().withPath("token").withExpirationSeconds(3607L)
                .endServiceAccountToken().endSource().addNewSource().withNewConfigMap().withName("kube-root-ca.crt")
                .addNewItem().withKey("ca.crt").withPath("ca.crt").endItem().endConfigMap().endSource()
                .addNewSource().withNewDownwardAPI().addNewItem().withPath("namespace").withNewFieldRef()
                .withFieldPath("metadata.namespace").endFieldRef().endItem().endDownwardAPI().endSource()
                .endProjected().endVolume().addNewVolume().withName("config").withNewConfigMap().withName("app")
                .endConfigMap().endVolume().addNewContainer().withName("c").withImage("busybox")
                .addNewVolumeMount().withName("kube-api-access-x2k9p").withMountPath(
                        "/var/run/secrets/kubernetes.io/serviceaccount").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("config").withMountPath("/etc/app").endVolumeMount()
                .withCommand("sh", "-c", "cd /var/run/secrets/kubernetes.io/serviceaccount; ls; cat namespace; echo;"
                        + " head -1 ca.crt; cut -d. -f1 token; echo x > /etc/app/app.conf; sleep 3600")
                .endContainer().endSpec().withNewStatus().withPhase("Pending").endStatus().build();
        node.run(pod);
        node.advance(Duration.ofSeconds(3));
        assertThat(node.log(pod, "c")).isEqualTo("""
                ca.crt
                namespace
                token
                ns
                -----BEGIN CERTIFICATE-----
                eyJhbGciOiJFUzI1NiIsImtpZCI6IngifQ
                sh: can't create /etc/app/app.conf: Read-only file system
                """);
    }

    @Test
    void idAndWhoamiShowTheUserAndGroupsOfTheSecurityContext() {
        // the security-context-demo of kube's documentation, with a second container as nobody and a third as root
        Pod pod = new PodBuilder().withNewMetadata().withName("security-context-demo").endMetadata().withNewSpec()
                .withNewSecurityContext().withRunAsUser(1000L).withRunAsGroup(3000L).withFsGroup(2000L)
                .endSecurityContext()
                .addNewContainer().withName("sec-ctx-demo").withImage("busybox:1.28")
                .withCommand("sh", "-c", "id; whoami; id -u; id -G; sleep 1h").endContainer()
                .addNewContainer().withName("nobody").withImage("busybox:1.28").withNewSecurityContext()
                .withRunAsUser(65534L).withRunAsGroup(null).endSecurityContext()
                .withCommand("sh", "-c", "id; whoami; sleep 1h").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
        node.run(pod);
        Pod plain = node.run(new PodBuilder().withNewMetadata().withName("plain").endMetadata().withNewSpec()
                .addNewContainer().withName("c").withImage("debian").withCommand("sh", "-c", "id; whoami; id -un")
                .endContainer().endSpec().withNewStatus().withPhase("Pending").endStatus().build());
        node.advance(Duration.ofSeconds(10));
        assertThat(node.log(pod, "sec-ctx-demo")).isEqualTo("uid=1000 gid=3000 groups=2000,3000\n"
                + "whoami: unknown uid 1000\n1000\n2000 3000\n");
        // the pod's runAsGroup still holds for a container that sets only its user
        assertThat(node.log(pod, "nobody")).isEqualTo("uid=65534(nobody) gid=3000 groups=2000,3000\nnobody\n");
        assertThat(node.log(plain, "c")).isEqualTo("uid=0(root) gid=0(root) groups=0(root)\nroot\nroot\n");
    }

    @Test
    void theCatalogueTakesImagesFromAFileOfConfiguration(@TempDir Path dir) throws Exception {
        Path extra = dir.resolve("images.yaml");
        Files.writeString(extra, """
                images:
                  - repository: docker.io/acme/shop
                    base: alpine
                    cmd: [shop]
                    size: 1234
                    tags: [v1]
                    bin: [shop]
                """);
        ImageCatalog catalog = ImageCatalog.withExtra(extra);
        assertThat(catalog.lookup(ImageName.parse("acme/shop:v1")).answer()).isEqualTo(ImageCatalog.Answer.FOUND);
        assertThat(catalog.lookup(ImageName.parse("acme/shop:v2")).answer()).isEqualTo(ImageCatalog.Answer.NO_TAG);
        assertThat(catalog.lookup(ImageName.parse("nginx:1.27")).answer()).isEqualTo(ImageCatalog.Answer.FOUND);
        assertThat(catalog.lookup(ImageName.parse("ngnix")).answer()).isEqualTo(ImageCatalog.Answer.NO_REPOSITORY);
        assertThat(catalog.lookup(ImageName.parse("quay.io/x/y")).answer())
                .isEqualTo(ImageCatalog.Answer.UNKNOWN_REGISTRY);
        ImageCatalog.Image shop = catalog.lookup(ImageName.parse("acme/shop:v1")).image();
        assertThat(shop.size()).isEqualTo(1234);
        assertThat(new String(shop.file("/etc/os-release"))).contains("Alpine Linux");
        assertThat(shop.tools()).isEqualTo("busybox");
        for (String name : List.of("busybox", "alpine", "debian", "ubuntu", "nginx", "httpd", "redis", "postgres",
                "mysql", "python", "node", "registry.k8s.io/pause:3.10")) {
            assertThat(ImageCatalog.builtIn().lookup(ImageName.parse(name)).answer()).as(name)
                    .isEqualTo(ImageCatalog.Answer.FOUND);
        }
    }
}
