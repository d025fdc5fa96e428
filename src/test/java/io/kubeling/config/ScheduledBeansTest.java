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

    @Test
    void noBeanOfTheLibrariesDeclaresAScheduledMethod() {
        List<String> scheduled = new ArrayList<>();
        for (String name : context.getBeanDefinitionNames()) {
            Object bean = context.getBeanFactory().getSingleton(name);
            Class<?> type = bean != null ? AopProxyUtils.ultimateTargetClass(bean) : context.getType(name);
            if (type != null && !type.getName().startsWith(Scheduling.ScheduledWhereDeclared.SEARCHED_PACKAGES)
                    && Scheduling.ScheduledWhereDeclared.schedulingAnywhereInHierarchy(type)) {
                scheduled.add(name + " (" + type.getName() + ")");
            }
        }
        assertThat(scheduled).isEmpty();
    }

    @Test
    void schedulesKubelingsOwnTasks() {
        List<String> owners = context.getBean(ScheduledAnnotationBeanPostProcessor.class).getScheduledTasks().stream()
                .map(ScheduledTask::toString).toList();
        assertThat(owners).anyMatch(task -> task.contains("FileCompactor"))
                .anyMatch(task -> task.contains("HistoryCompactor")).anyMatch(task -> task.contains("EventExpiry"));
    }
}
