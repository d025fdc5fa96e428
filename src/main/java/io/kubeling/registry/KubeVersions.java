package io.kubeling.registry;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kube's version priority (CompareKubeAwareVersionStrings): GA before beta before alpha, higher majors first. */
public final class KubeVersions {

    private static final Pattern KUBE = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    /** Highest priority first. */
    public static final Comparator<String> PRIORITY = KubeVersions::compare;

    private KubeVersions() {
    }

    private static int compare(String a, String b) {
        Matcher ma = KUBE.matcher(a);
        Matcher mb = KUBE.matcher(b);
        boolean ka = ma.matches();
        boolean kb = mb.matches();
        if (!ka || !kb) {
            return ka ? -1 : kb ? 1 : a.compareTo(b);
        }
        int sa = stability(ma.group(2));
        int sb = stability(mb.group(2));
        if (sa != sb) {
            return Integer.compare(sb, sa);
        }
        int major = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
        if (major != 0 || ma.group(3) == null) {
            return major;
        }
        return Long.compare(Long.parseLong(mb.group(3)), Long.parseLong(ma.group(3)));
    }

    private static int stability(String qualifier) {
        return qualifier == null ? 2 : qualifier.equals("beta") ? 1 : 0;
    }
}
