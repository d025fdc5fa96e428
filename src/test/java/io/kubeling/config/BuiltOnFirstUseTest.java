package io.kubeling.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.core.MethodParameter;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.SmartValidator;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.webmvc.ui.SwaggerIndexTransformer;

class BuiltOnFirstUseTest {

    @Test
    void springdocAndBeanValidationAreLazyAndTheExtraSchemasComeWithTheOpenApiService() {
        DefaultListableBeanFactory factory = new DefaultListableBeanFactory();
        factory.setAutowireCandidateResolver(new ContextAnnotationAutowireCandidateResolver());
        RootBeanDefinition mapper = new RootBeanDefinition(ObjectMapperProvider.class);
        mapper.setLazyInit(false);
        factory.registerBeanDefinition("springdocObjectMapperProvider", mapper);
        RootBeanDefinition extraSchemas = new RootBeanDefinition(Object.class);
        extraSchemas.setFactoryBeanName("org.springdoc.core.configuration.SpringDocConfiguration");
        extraSchemas.setFactoryMethodName("initExtraSchemas");
        factory.registerBeanDefinition("initExtraSchemas", extraSchemas);
        RootBeanDefinition service = new RootBeanDefinition(Object.class);
        service.setFactoryBeanName("org.springdoc.core.configuration.SpringDocConfiguration");
        service.setFactoryMethodName("openAPIBuilder");
        factory.registerBeanDefinition("openAPIBuilder", service);
        factory.registerBeanDefinition(BuiltOnFirstUse.DEFAULT_VALIDATOR, new RootBeanDefinition(Object.class));
        factory.registerBeanDefinition("registry", new RootBeanDefinition(Object.class));

        BuiltOnFirstUse.builtOnFirstUsePostProcessor().postProcessBeanFactory(factory);

        assertThat(factory.getBeanDefinition("springdocObjectMapperProvider").isLazyInit()).isTrue();
        assertThat(factory.getBeanDefinition("openAPIBuilder").isLazyInit()).isTrue();
        assertThat(factory.getBeanDefinition("openAPIBuilder").getDependsOn()).containsExactly("initExtraSchemas");
        assertThat(factory.getBeanDefinition("initExtraSchemas").isLazyInit()).isTrue();
        assertThat(factory.getBeanDefinition(BuiltOnFirstUse.DEFAULT_VALIDATOR).isLazyInit()).isTrue();
        assertThat(factory.getBeanDefinition("registry").isLazyInit()).isFalse();
        assertThat(factory.getAutowireCandidateResolver()).isInstanceOf(BuiltOnFirstUse.ProxiedUntilUsed.class);
    }

    @Test
    void theSwaggerIndexTransformerIsInjectedAsAProxyThatBuildsItOnItsFirstCall() throws Exception {
        DefaultListableBeanFactory factory = new DefaultListableBeanFactory();
        BuiltOnFirstUse.ProxiedUntilUsed resolver = new BuiltOnFirstUse.ProxiedUntilUsed();
        factory.setAutowireCandidateResolver(resolver);
        DependencyDescriptor transformer = new DependencyDescriptor(new MethodParameter(
                Needs.class.getDeclaredConstructor(SwaggerIndexTransformer.class, ObjectMapperProvider.class), 0), true);
        DependencyDescriptor mapper = new DependencyDescriptor(new MethodParameter(
                Needs.class.getDeclaredConstructor(SwaggerIndexTransformer.class, ObjectMapperProvider.class), 1), true);

        Object proxy = resolver.getLazyResolutionProxyIfNecessary(transformer, "swaggerWebMvcConfigurer");

        assertThat(proxy).isInstanceOf(SwaggerIndexTransformer.class);
        assertThat(Proxy.isProxyClass(proxy.getClass())).isTrue();
        assertThat(resolver.getLazyResolutionProxyIfNecessary(mapper, "swaggerWebMvcConfigurer")).isNull();
    }

    @Test
    void theMvcValidatorLooksBeanValidationUpOnItsFirstValidationOnly() {
        AtomicInteger lookups = new AtomicInteger();
        SpringValidatorAdapter target = new SpringValidatorAdapter(
                jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator());
        SmartValidator validator = new BuiltOnFirstUse.OnFirstUse(() -> {
            lookups.incrementAndGet();
            return target;
        });

        assertThat(validator.supports(String.class)).isTrue();
        jakarta.validation.Validator beanValidation = validator.unwrap(jakarta.validation.Validator.class);
        assertThat(lookups).hasValue(0);
        assertThat(beanValidation.validate(new Sized(""))).hasSize(1);
        assertThat(lookups).hasValue(1);
        Sized sized = new Sized("");
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(sized, "sized");
        validator.validate(sized, errors);
        validator.validate(sized, new BeanPropertyBindingResult(sized, "sized"));

        assertThat(errors.getFieldErrors("name")).hasSize(1);
        assertThat(lookups).hasValue(1);
    }

    record Sized(@jakarta.validation.constraints.NotEmpty String name) {
    }

    static final class Needs {
        Needs(SwaggerIndexTransformer transformer, ObjectMapperProvider mapper) {
        }
    }

    @Test
    void theMessageSourceAnswersAsSpringsDefaultOneWithoutAParent() {
        BuiltOnFirstUse.MessageSourceOnFirstUse source = new BuiltOnFirstUse.MessageSourceOnFirstUse();

        assertThat(source.getMessage("missing", new Object[] {"x", 2}, "default {0} {1}", Locale.ROOT))
                .isEqualTo("default x 2");
        assertThat(source.getMessage(new DefaultMessageSourceResolvable(new String[] {"missing"}, "plain"),
                Locale.ROOT)).isEqualTo("plain");
        assertThatThrownBy(() -> source.getMessage("missing", null, Locale.ROOT))
                .isInstanceOf(NoSuchMessageException.class);
        assertThat(source.getParentMessageSource()).isNull();
    }

    @Test
    void theMessageSourceAsksTheParentTheContextGaveIt() {
        BuiltOnFirstUse.MessageSourceOnFirstUse source = new BuiltOnFirstUse.MessageSourceOnFirstUse();
        StaticMessageSource parent = new StaticMessageSource();
        parent.addMessage("known", Locale.ROOT, "known {0}");

        source.setParentMessageSource(parent);

        assertThat(source.getParentMessageSource()).isSameAs(parent);
        assertThat(source.getMessage("known", new Object[] {"here"}, Locale.ROOT)).isEqualTo("known here");
        assertThat(source.getMessage("missing", null, "fallback", Locale.ROOT)).isEqualTo("fallback");
    }
}
