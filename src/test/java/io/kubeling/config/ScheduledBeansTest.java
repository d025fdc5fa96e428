package io.kubeling.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.ScheduledTask;

import io.kubeling.support.KubelingTest;

/** The server's beans, as the scheduling post-processor meets them: only Kubeling's own declare scheduled methods. */
@KubelingTest
class ScheduledBeansTest {

    @Autowired
    ConfigurableApplicationContext context;

    /** The search of Kubeling's classes alone finds what a search of every class and its whole hierarchy finds. */
    @Test
    void noClassOfTheLibrariesDeclaresAScheduledMethodForABean() {
        List<String> missed = new ArrayList<>();
        for (String name : context.getBeanDefinitionNames()) {
            Object bean = context.getBeanFactory().getSingleton(name);
            Class<?> type = bean != null ? AopProxyUtils.ultimateTargetClass(bean) : context.getType(name);
            if (type != null && Scheduling.ScheduledWhereDeclared.schedulingAnywhereInHierarchy(type)
                    != Scheduling.ScheduledWhereDeclared.declaresScheduledMethods(type)) {
                missed.add(name + " (" + type.getName() + ")");
            }
        }
        assertThat(missed).isEmpty();
    }

    @Test
    void schedulesKubelingsOwnTasks() {
        List<String> owners = context.getBean(ScheduledAnnotationBeanPostProcessor.class).getScheduledTasks().stream()
                .map(ScheduledTask::toString).toList();
        assertThat(owners).anyMatch(task -> task.contains("FileCompactor"))
                .anyMatch(task -> task.contains("HistoryCompactor")).anyMatch(task -> task.contains("EventExpiry"));
    }
}
