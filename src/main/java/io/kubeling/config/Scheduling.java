package io.kubeling.config;

import java.util.Set;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.annotation.Schedules;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

/**
 * {@code @Scheduled} methods run as {@code @EnableScheduling} runs them, by Spring's own post-processor under its own
 * name (so that Spring Boot's task scheduler comes with it), but each bean class is searched for them once a JVM:
 * Spring's processor remembers the classes without any for its own context only, and every server started in one
 * JVM (as the tests start them) searched all its 500 beans' methods again, some 7% of a later start's work.
 */
@Configuration(proxyBeanMethods = false)
class Scheduling {

    @Bean(name = TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME)
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static ScheduledAnnotationBeanPostProcessor scheduledAnnotationProcessor() {
        return new ScheduledWhereDeclared();
    }

    /** Spring's processor, handed only the beans whose class declares or inherits a scheduled method. */
    static final class ScheduledWhereDeclared extends ScheduledAnnotationBeanPostProcessor {

        private static final ClassValue<Boolean> DECLARES = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                return !MethodIntrospector.selectMethods(type,
                        (MethodIntrospector.MetadataLookup<Set<Scheduled>>) method -> {
                            Set<Scheduled> found = AnnotatedElementUtils.getMergedRepeatableAnnotations(method,
                                    Scheduled.class, Schedules.class);
                            return found.isEmpty() ? null : found;
                        }).isEmpty();
            }
        };

        static boolean declaresScheduledMethods(Class<?> type) {
            return DECLARES.get(type);
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            return declaresScheduledMethods(AopProxyUtils.ultimateTargetClass(bean))
                    ? super.postProcessAfterInitialization(bean, beanName)
                    : bean;
        }
    }
}
