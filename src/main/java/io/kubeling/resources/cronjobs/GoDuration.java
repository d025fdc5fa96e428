package io.kubeling.resources.cronjobs;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import io.kubeling.registry.validation.GoQuote;

/** Go's strconv.Atoi and time.ParseDuration, with their error texts, for the schedules' numbers and {@code @every}. */
final class GoDuration {

    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** strconv.Atoi: an optional sign and decimal digits. */
    static long atoi(String s) {
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("strconv.Atoi: parsing " + GoQuote.quote(s) + ": invalid syntax");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.Atoi: parsing " + GoQuote.quote(s) + ": value out of range");
        }
    }

    /** time.ParseDuration: a signed sequence of decimal numbers, each with a unit, such as {@code 1h30m}. */
    static Duration parse(String orig) {
        String s = orig;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.chars().filter(c -> c == '.').count() > 1) {
                throw invalid(orig);
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !Character.isDigit(s.charAt(i))) {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration " + GoQuote.quote(orig));
            }
            Long nanos = UNITS.get(unit);
            if (nanos == null) {
                throw new IllegalArgumentException("time: unknown unit " + GoQuote.quote(unit) + " in duration "
                        + GoQuote.quote(orig));
            }
            total = total.add(new BigDecimal(number.endsWith(".") ? number + "0" : number)
                    .multiply(BigDecimal.valueOf(nanos)));
        }
        if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(orig);
        }
        long n = total.longValue();
        return Duration.ofNanos(negative ? -n : n);
    }

    private static IllegalArgumentException invalid(String orig) {
        return new IllegalArgumentException("time: invalid duration " + GoQuote.quote(orig));
    }
}
