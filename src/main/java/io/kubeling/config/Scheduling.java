package io.kubeling.config;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.annotation.Schedules;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

/**
 * {@code @Scheduled} methods run as {@code @EnableScheduling} runs them, by Spring's own post-processor under its own
 * name (so that Spring Boot's task scheduler comes with it), but each bean class is searched for them once a JVM:
 * Spring's processor remembers the classes without any for its own context only, and every server started in one
 * JVM (as the tests start them) searched all its 500 beans' methods again, some 7% of a later start's work. Nor is a
 * class searched that has no method with a scheduling annotation of its own anywhere in its hierarchy, nor a class of
 * the libraries'.
 */
@Configuration(proxyBeanMethods = false)
class Scheduling {

    @Bean(name = TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME)
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static ScheduledAnnotationBeanPostProcessor scheduledAnnotationProcessor() {
        return new ScheduledWhereDeclared();
    }

    /**
     * Spring's processor, handed only the beans whose class declares or inherits a method with a scheduling
     * annotation; Spring's own search then finds the scheduled methods of those few.
     */
    static final class ScheduledWhereDeclared extends ScheduledAnnotationBeanPostProcessor {

        /**
         * Only Kubeling's own classes are searched: the libraries' beans (Spring's, Jetty's, Hibernate's, springdoc's,
         * some half of a context's) declare no scheduled method, and searching their methods' annotations took some
         * 90 ms of a cold start's main thread. {@code ScheduledBeansTest} checks a started server's libraries for any.
         */
        private static final ClassValue<Boolean> DECLARES = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                return type.getName().startsWith(SEARCHED_PACKAGES) && annotatedMethodInHierarchy(type, OWN::get);
            }
        };

        static final String SEARCHED_PACKAGES = "io.kubeling.";

        /** Whether an annotation type is {@code @Scheduled} or {@code @Schedules}, or is annotated with either. */
        private static final ClassValue<Boolean> SCHEDULING = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> annotation) {
                return annotation == Scheduled.class || annotation == Schedules.class
                        || MergedAnnotations.from(annotation).isPresent(Scheduled.class)
                        || MergedAnnotations.from(annotation).isPresent(Schedules.class);
            }
        };

        static boolean declaresScheduledMethods(Class<?> type) {
            return DECLARES.get(type);
        }

        /** Whether a class declares or inherits a method with a scheduling annotation, wherever it comes from. */
        static boolean schedulingAnywhereInHierarchy(Class<?> type) {
            return annotatedMethodInHierarchy(type, ScheduledWhereDeclared::ownMethodAnnotated);
        }

        /**
         * Whether a method of the class, of a superclass or of an interface of either carries a scheduling annotation
         * of its own: a class without one has no scheduled method, which saves Spring's search of every method's
         * hierarchy for most classes (a tenth of the main thread's time in a cold start).
         */
        private static boolean annotatedMethodInHierarchy(Class<?> type, Predicate<Class<?>> ownMethodAnnotated) {
            Set<Class<?>> interfaces = new LinkedHashSet<>();
            for (Class<?> declaring = type; declaring != null && declaring != Object.class;
                    declaring = declaring.getSuperclass()) {
                if (ownMethodAnnotated.test(declaring)) {
                    return true;
                }
                addInterfaces(declaring, interfaces);
            }
            for (Class<?> implemented : interfaces) {
                if (ownMethodAnnotated.test(implemented)) {
                    return true;
                }
            }
            return false;
        }

        /** The interfaces a type implements or extends, their own super-interfaces included. */
        private static void addInterfaces(Class<?> type, Set<Class<?>> into) {
            for (Class<?> implemented : type.getInterfaces()) {
                if (into.add(implemented)) {
                    addInterfaces(implemented, into);
                }
            }
        }

        /**
         * Whether a Kubeling class's own methods carry one; once a class, as many beans share their superclasses and
         * interfaces.
         */
        private static final ClassValue<Boolean> OWN = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> declaring) {
                return declaring.getName().startsWith(SEARCHED_PACKAGES) && ownMethodAnnotated(declaring);
            }
        };

        private static boolean ownMethodAnnotated(Class<?> declaring) {
            for (Method method : declaring.getDeclaredMethods()) {
                for (Annotation annotation : method.getDeclaredAnnotations()) {
                    if (SCHEDULING.get(annotation.annotationType())) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            return declaresScheduledMethods(AopProxyUtils.ultimateTargetClass(bean))
                    ? super.postProcessAfterInitialization(bean, beanName)
                    : bean;
        }
    }
}
