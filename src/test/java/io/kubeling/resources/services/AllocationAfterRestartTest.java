package io.kubeling.resources.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.kubeling.KubelingApplication;
import io.kubeling.support.HttpApi;
import io.kubeling.support.ServerOfItsOwn;
import io.kubeling.support.HttpApi.Reply;

/** Allocations survive a restart on the same database: nothing held before is handed out again. */
@ServerOfItsOwn
class AllocationAfterRestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplication(KubelingApplication.class).run("--kubeling.data-dir=" + dataDir,
                "--kubeling.port=0", "--kubeling.simulation.enabled=false");
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return new HttpApi(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static String nodePortService(String name, String clusterIP, int nodePort) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{"
                + "\"type\":\"NodePort\",\"selector\":{\"app\":\"web\"}"
                + (clusterIP == null ? "" : ",\"clusterIP\":\"" + clusterIP + "\"")
                + ",\"ports\":[{\"port\":80" + (nodePort == 0 ? "" : ",\"nodePort\":" + nodePort) + "}]}}";
    }

    @Test
    void whatWasAllocatedBeforeARestartStaysTaken() {
        String services = "/api/v1/namespaces/default/services";
        String ip;
        int nodePort;
        try (ConfigurableApplicationContext first = start()) {
            Reply created = api(first).post(services, nodePortService("kept", null, 0));
            assertThat(created.code()).isEqualTo(201);
            ip = created.json().at("/spec/clusterIP").asString();
            nodePort = created.json().at("/spec/ports/0/nodePort").asInt();
            assertThat(api(first).post(services, nodePortService("gone", "10.96.50.5", 31500)).code()).isEqualTo(201);
            assertThat(api(first).delete(services + "/gone").code()).isEqualTo(200);
        }
        try (ConfigurableApplicationContext second = start()) {
            HttpApi api = api(second);
            Reply sameIP = api.post(services, nodePortService("again", ip, 0));
            assertThat(sameIP.code()).isEqualTo(422);
            assertThat(sameIP.json().at("/message").asString()).endsWith("provided IP is already allocated");
            Reply samePort = api.post(services, nodePortService("again", null, nodePort));
            assertThat(samePort.code()).isEqualTo(422);
            assertThat(samePort.json().at("/message").asString()).isEqualTo("Service \"again\" is invalid: "
                    + "spec.ports[0].nodePort: Invalid value: " + nodePort + ": provided port is already allocated");
            // What was released before the restart is free after it.
            assertThat(api.post(services, nodePortService("again", "10.96.50.5", 31500)).code()).isEqualTo(201);
            assertThat(api.get(services + "/kubernetes").json().at("/spec/clusterIP").asString()).isEqualTo("10.96.0.1");
        }
    }
}
