package sample;

import java.io.FileReader;
import java.io.IOException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;

@SpringBootApplication
public class ClusterApp {

    public static void main(String[] args) {
        SpringApplication.run(ClusterApp.class, args);
    }

    /** The cluster named by the kubeconfig in the property (or system property) {@code kubeconfig}. */
    @Bean
    ApiClient apiClient(@Value("${kubeconfig:${user.home}/.kube/config}") String kubeconfig) throws IOException {
        try (FileReader reader = new FileReader(kubeconfig)) {
            return ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(reader)).build();
        }
    }
}
