package io.kubeling.registry;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

import org.springframework.stereotype.Component;

/** Names for generateName: the prefix, cut to leave room, plus 5 characters of kube's alphabet. */
@Component
public class NameGenerator {

    /** Kube's alphabet has no vowels and no look-alike characters, so no words and no ambiguity. */
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int MAX_NAME = 63;
    private static final int RANDOM_LENGTH = 5;

    private final RandomGenerator random = new SecureRandom();

    public String generate(String prefix) {
        String base = prefix.length() > MAX_NAME - RANDOM_LENGTH ? prefix.substring(0, MAX_NAME - RANDOM_LENGTH) : prefix;
        return base + randomSuffix(RANDOM_LENGTH);
    }

    public String randomSuffix(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
