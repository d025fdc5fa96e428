package io.kubeling.resources.podtemplates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.PodTemplateBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.validation.FieldError;

class PodTemplateRulesTest {

    @Test
    void theTemplateIsDefaultedAndValidatedAtTemplate() {
        PodTemplateStrategy strategy = new PodTemplateStrategy();
        PodTemplate template = new PodTemplateBuilder().withNewMetadata().withName("t").endMetadata()
                .withNewTemplate().withNewSpec().addNewContainer().withName("web").endContainer().endSpec()
                .endTemplate().build();
        strategy.applyDefaults(template);
        strategy.prepareForCreate(template);
        assertThat(template.getTemplate().getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(strategy.validate(template)).extracting(FieldError::toString)
                .containsExactly("template.spec.containers[0].image: Required value");
    }

    @Test
    void tableShowsContainersImagesAndPodLabels() {
        PodTemplateTable table = new PodTemplateTable();
        assertThat(table.columns()).extracting(TableColumn::name)
                .containsExactly("Name", "Containers", "Images", "Pod Labels");
        assertThat(table.columns()).extracting(TableColumn::priority).containsOnly(0);
        PodTemplate template = new PodTemplateBuilder().withNewMetadata().withName("t").endMetadata()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("b", "2", "a", "1")).endMetadata().withNewSpec()
                .addNewContainer().withName("web").withImage("nginx").endContainer()
                .addNewContainer().withName("log").withImage("busybox").endContainer().endSpec().endTemplate().build();
        assertThat(table.cells(template, Instant.EPOCH)).containsExactly("t", "web,log", "nginx,busybox", "a=1,b=2");
    }
}
