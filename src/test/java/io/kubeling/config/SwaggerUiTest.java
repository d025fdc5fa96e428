package io.kubeling.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;

/** The Swagger UI, whose springdoc beans are built on its first request, serves its page and its configuration. */
@KubelingTest
class SwaggerUiTest {

    @LocalServerPort
    int port;

    @Test
    void theSwaggerUiPointsAtTheServedDocument() {
        HttpApi api = new HttpApi(port);

        HttpApi.Reply page = api.get("/swagger-ui/index.html");
        HttpApi.Reply initializer = api.get("/swagger-ui/swagger-initializer.js");
        HttpApi.Reply config = api.get("/v3/api-docs/swagger-config");

        assertThat(page.code()).isEqualTo(200);
        assertThat(page.text()).contains("swagger-ui");
        assertThat(initializer.code()).isEqualTo(200);
        // springdoc's index transformer writes the configuration URL into the stock initializer
        assertThat(initializer.text()).contains("/v3/api-docs/swagger-config");
        assertThat(config.code()).isEqualTo(200);
        assertThat(config.json().get("url").asString()).isEqualTo("/v3/api-docs");
    }
}
