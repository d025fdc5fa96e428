package io.kubeling.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.HierarchicalMessageSource;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.DelegatingMessageSource;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.validation.Errors;
import org.springframework.validation.SmartValidator;
import org.springframework.validation.Validator;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What no request needs before the first one that asks for it is built on that request instead of at start:
 * springdoc's document machinery (its own Jackson 2 mapper and swagger-core) on the first request for
 * {@code /v3/api-docs} or the Swagger UI, and Bean Validation on the first object validated with it (none is today:
 * no controller argument is {@code @Valid}), and the context's message source on the first message asked of it. Each
 * is built as it would have been at start, only later.
 */
@Configuration(proxyBeanMethods = false)
class BuiltOnFirstUse {

    /** Bootstraps Bean Validation; what the MVC validator and the method-validation advice would reach at start. */
    static final String DEFAULT_VALIDATOR = "defaultValidator";

    /** Runs springdoc's static set-up of its extra schemas; every document is built by the OpenAPI service. */
    private static final String SPRINGDOC_EXTRA_SCHEMAS = "initExtraSchemas";
    private static final String SPRINGDOC_OPENAPI_SERVICE = "openAPIBuilder";

    /**
     * The one springdoc type an eager bean needs at start (the Swagger UI's resource configurer keeps the index page
     * transformer for its requests): it gets a proxy that builds the transformer, and the mapper it holds, when a
     * request first reaches it.
     */
    private static final Set<String> PROXIED_UNTIL_USED = Set.of("org.springdoc.webmvc.ui.SwaggerIndexTransformer");

    /**
     * springdoc marks its beans not lazy ({@code @Lazy(false)}), so that a globally lazy application still serves
     * its documents; here every one is lazy, and the handler mappings find its endpoints by type as for any lazy
     * controller.
     */
    @Bean
    static BeanFactoryPostProcessor builtOnFirstUsePostProcessor() {
        return factory -> {
            for (String name : factory.getBeanDefinitionNames()) {
                BeanDefinition definition = factory.getBeanDefinition(name);
                if (fromSpringdoc(name, definition) && !SPRINGDOC_EXTRA_SCHEMAS.equals(name)) {
                    definition.setLazyInit(true);
                }
            }
            if (factory.containsBeanDefinition(SPRINGDOC_OPENAPI_SERVICE)
                    && factory.containsBeanDefinition(SPRINGDOC_EXTRA_SCHEMAS)) {
                BeanDefinition service = factory.getBeanDefinition(SPRINGDOC_OPENAPI_SERVICE);
                service.setDependsOn(SPRINGDOC_EXTRA_SCHEMAS);
                factory.getBeanDefinition(SPRINGDOC_EXTRA_SCHEMAS).setLazyInit(true);
            }
            if (factory.containsBeanDefinition(DEFAULT_VALIDATOR)) {
                factory.getBeanDefinition(DEFAULT_VALIDATOR).setLazyInit(true);
            }
            if (factory instanceof DefaultListableBeanFactory beans
                    && beans.getAutowireCandidateResolver() instanceof ContextAnnotationAutowireCandidateResolver) {
                beans.setAutowireCandidateResolver(new ProxiedUntilUsed());
            }
        };
    }

    private static boolean fromSpringdoc(String name, BeanDefinition definition) {
        return startsWithSpringdoc(definition.getBeanClassName()) || startsWithSpringdoc(definition.getFactoryBeanName())
                || startsWithSpringdoc(name) || definition.getResolvableType().resolve() != null
                        && startsWithSpringdoc(definition.getResolvableType().resolve().getName());
    }

    private static boolean startsWithSpringdoc(String name) {
        return name != null && name.startsWith("org.springdoc.");
    }

    /** Spring's resolver, with a lazy-resolution proxy for the types above as if their injection points said @Lazy. */
    static final class ProxiedUntilUsed extends ContextAnnotationAutowireCandidateResolver {

        @Override
        protected boolean isLazy(DependencyDescriptor descriptor) {
            return super.isLazy(descriptor) || PROXIED_UNTIL_USED.contains(descriptor.getDependencyType().getName());
        }
    }

    /**
     * The context's message source, Spring's default one, built on the first message asked of it: its class lists the
     * JVM's locales once loaded (some 50 ms of the start's main thread), and only an error's message asks for one.
     */
    @Bean(AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME)
    static MessageSource messageSourceOnFirstUse() {
        return new MessageSourceOnFirstUse();
    }

    /** Spring's {@link DelegatingMessageSource}, made on the first call, with the parent the context gave it. */
    static final class MessageSourceOnFirstUse implements HierarchicalMessageSource {

        private volatile MessageSource parent;
        private final Supplier<DelegatingMessageSource> target = SingletonSupplier.of(() -> {
            DelegatingMessageSource source = new DelegatingMessageSource();
            source.setParentMessageSource(parent);
            return source;
        });

        @Override
        public void setParentMessageSource(MessageSource parent) {
            this.parent = parent;
        }

        @Override
        public MessageSource getParentMessageSource() {
            return parent;
        }

        @Override
        public String getMessage(String code, Object[] args, String defaultMessage, Locale locale) {
            return target.get().getMessage(code, args, defaultMessage, locale);
        }

        @Override
        public String getMessage(String code, Object[] args, Locale locale) {
            return target.get().getMessage(code, args, locale);
        }

        @Override
        public String getMessage(MessageSourceResolvable resolvable, Locale locale) {
            return target.get().getMessage(resolvable, locale);
        }
    }

    /**
     * Spring MVC's validator, which Spring Boot would otherwise take from the Bean Validation bean at start: the same
     * validator, looked up on the first validation.
     */
    @Bean
    WebMvcConfigurer validatorOnFirstUse(ObjectProvider<jakarta.validation.Validator> beanValidation) {
        SmartValidator validator = new OnFirstUse(() -> {
            jakarta.validation.Validator target = beanValidation.getObject();
            return target instanceof SmartValidator smart ? smart
                    : new org.springframework.validation.beanvalidation.SpringValidatorAdapter(target);
        });
        return new WebMvcConfigurer() {
            @Override
            public Validator getValidator() {
                return validator;
            }
        };
    }

    /** A validator that looks its target up on its first validation. */
    static final class OnFirstUse implements SmartValidator {

        private final Supplier<SmartValidator> target;

        OnFirstUse(Supplier<SmartValidator> target) {
            this.target = SingletonSupplier.of(target);
        }

        /** Every class, as Bean Validation's adapter answers once built. */
        @Override
        public boolean supports(Class<?> type) {
            return true;
        }

        @Override
        public void validate(Object object, Errors errors) {
            target.get().validate(object, errors);
        }

        @Override
        public void validate(Object object, Errors errors, Object... hints) {
            target.get().validate(object, errors, hints);
        }

        @Override
        public void validateValue(Class<?> type, String field, Object value, Errors errors, Object... hints) {
            target.get().validateValue(type, field, value, errors, hints);
        }

        /**
         * Bean Validation's validator as a proxy that looks it up on its first call: Spring MVC asks for it at start,
         * for the method validation of handler parameters that carry constraints (none do).
         */
        @Override
        public <T> T unwrap(Class<T> type) {
            if (type == jakarta.validation.Validator.class) {
                return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                        (proxy, method, args) -> {
                            if (method.getDeclaringClass() == Object.class) {
                                return switch (method.getName()) {
                                    case "equals" -> proxy == args[0];
                                    case "hashCode" -> System.identityHashCode(proxy);
                                    default -> "Bean Validation, looked up on first use";
                                };
                            }
                            try {
                                return method.invoke(target.get().unwrap(type), args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }));
            }
            return target.get().unwrap(type);
        }
    }
}
