package io.kubeling.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * A bean factory whose answers to "which beans are of this type" are shared by the servers started in one JVM (as
 * the tests start them) with the same bean definitions. Each constructor argument and each injected collection asks
 * it, and each answer walks all 500 definitions: a fifth of a later start's main thread, since Spring caches the
 * answers only once the definitions are frozen, after the web server's filters have built most beans, and for its
 * own context only. From {@link #shareLookups()} on, when the definitions are complete, an answer is looked up by
 * the digest of the definitions and of every singleton registered or destroyed since, so that a server asks the
 * definitions only what no server with the same ones asked before. An answer that may not initialise factory beans
 * to learn their types depends on which factory beans exist yet: it is kept under the factory beans made so far too.
 */
class SharedTypeLookups extends DefaultListableBeanFactory {

    /** The answers by the digest of what they were given; a JVM of tests holds a few sets of definitions. */
    private static final Map<String, Map<Lookup, String[]>> ANSWERS = new ConcurrentHashMap<>();
    private static final int MAX_DEFINITION_SETS = 256;

    /** A lookup; {@code factoryBeans} is 0 for those that may initialise factory beans, else {@link #factoryBeans}. */
    private record Lookup(Class<?> type, boolean includeNonSingletons, boolean allowEagerInit, long factoryBeans) {
    }

    private final Object changes = new Object();
    // null until the definitions are complete, and while a change is under way
    private volatile Map<Lookup, String[]> answers;
    private String digest;
    private long generation;
    // the factory beans made so far, in order, as a hash of their names
    private volatile long factoryBeans;

    /** From now on the definitions are complete: answers are shared with the servers that have the same ones. */
    void shareLookups() {
        StringBuilder text = new StringBuilder();
        for (String name : getBeanDefinitionNames()) {
            BeanDefinition definition = getBeanDefinition(name);
            text.append(name).append('|').append(definition.getBeanClassName()).append('|')
                    .append(definition.getFactoryBeanName()).append('|').append(definition.getFactoryMethodName())
                    .append('|').append(definition.getResolvableType()).append('|').append(definition.getScope())
                    .append('|').append(definition.getParentName()).append('|').append(definition.isAbstract())
                    .append(definition.isLazyInit()).append(definition.isAutowireCandidate())
                    .append(definition.isPrimary()).append('\n');
        }
        for (String name : getSingletonNames()) {
            if (!containsBeanDefinition(name)) {
                text.append("singleton ").append(name).append('|').append(typeOf(getSingleton(name, false)))
                        .append('\n');
            }
        }
        synchronized (changes) {
            generation++;
            switchTo(digest(text));
        }
    }

    @Override
    public String[] getBeanNamesForType(Class<?> type, boolean includeNonSingletons, boolean allowEagerInit) {
        Map<Lookup, String[]> shared = answers;
        if (shared == null || type == null
                || !ClassUtils.isCacheSafe(type, SharedTypeLookups.class.getClassLoader())) {
            return super.getBeanNamesForType(type, includeNonSingletons, allowEagerInit);
        }
        long made = allowEagerInit ? 0 : factoryBeans;
        Lookup lookup = new Lookup(type, includeNonSingletons, allowEagerInit, made);
        String[] names = shared.get(lookup);
        if (names != null) {
            return names;
        }
        long asked;
        synchronized (changes) {
            asked = generation;
        }
        names = super.getBeanNamesForType(type, includeNonSingletons, allowEagerInit);
        synchronized (changes) {
            // an answer given while a singleton came or went (or a factory bean was made) answers neither state
            if (generation == asked && answers == shared && (allowEagerInit || factoryBeans == made)) {
                shared.putIfAbsent(lookup, names);
            }
        }
        return names;
    }

    @Override
    protected void addSingleton(String beanName, Object singletonObject) {
        super.addSingleton(beanName, singletonObject);
        if (singletonObject instanceof FactoryBean<?>) {
            synchronized (changes) {
                factoryBeans = factoryBeans * 31 + beanName.hashCode() + 1;
            }
        }
    }

    @Override
    public void registerSingleton(String beanName, Object singletonObject) {
        String change = changing() ? "registered " + beanName + "|" + typeOf(singletonObject) : null;
        try {
            super.registerSingleton(beanName, singletonObject);
        } finally {
            changed(change);
        }
    }

    @Override
    public void destroySingleton(String beanName) {
        String change = changing() ? "destroyed " + beanName : null;
        try {
            super.destroySingleton(beanName);
        } finally {
            changed(change);
        }
    }

    @Override
    public void registerBeanDefinition(String beanName, BeanDefinition definition) {
        String change = changing() ? "defined " + beanName + "|" + definition.getBeanClassName() + "|"
                + definition.getFactoryMethodName() + "|" + definition.getResolvableType() : null;
        try {
            super.registerBeanDefinition(beanName, definition);
        } finally {
            changed(change);
        }
    }

    @Override
    public void removeBeanDefinition(String beanName) {
        String change = changing() ? "removed " + beanName : null;
        try {
            super.removeBeanDefinition(beanName);
        } finally {
            changed(change);
        }
    }

    /** A factory that is closing shares no more answers (nor the digests of its destroyed beans). */
    @Override
    public void destroySingletons() {
        synchronized (changes) {
            generation++;
            digest = null;
            answers = null;
        }
        super.destroySingletons();
    }

    /** Whether answers are shared; if so, none is taken or kept until {@link #changed} names the new state. */
    private boolean changing() {
        synchronized (changes) {
            if (digest == null) {
                return false;
            }
            generation++;
            answers = null;
            return true;
        }
    }

    private void changed(String change) {
        if (change != null) {
            synchronized (changes) {
                generation++;
                switchTo(digest(new StringBuilder(digest).append('\n').append(change)));
            }
        }
    }

    private void switchTo(String next) {
        digest = next;
        Map<Lookup, String[]> shared = ANSWERS.get(next);
        if (shared == null && ANSWERS.size() < MAX_DEFINITION_SETS) {
            shared = ANSWERS.computeIfAbsent(next, d -> new ConcurrentHashMap<>());
        }
        answers = shared;
    }

    private static String typeOf(Object singleton) {
        return singleton == null ? "null" : singleton.getClass().getName();
    }

    private static String digest(CharSequence text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
