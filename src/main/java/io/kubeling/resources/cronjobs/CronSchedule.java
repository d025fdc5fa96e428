package io.kubeling.resources.cronjobs;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;


/**
 * A schedule as robfig/cron v3's {@code ParseStandard} reads it and as its {@code Next} walks it, which is what kube's
 * validation and cronjob controller call: five fields (minute, hour, day of month, month, day of week) with names,
 * ranges, steps, {@code *} and {@code ?}, the {@code @hourly}-style descriptors, {@code @every <duration>} and a
 * {@code TZ=}/{@code CRON_TZ=} prefix. Cron libraries for Java read a different dialect (seven-day weeks, Quartz's
 * {@code ?} rules) and word their errors otherwise, while kube answers robfig's messages in its 422s, so the
 * parser follows robfig's rules and messages.
 */
public final class CronSchedule {

    private static final long STAR = 1L << 63;
    private static final Bounds MINUTES = new Bounds(0, 59, Map.of());
    private static final Bounds HOURS = new Bounds(0, 23, Map.of());
    private static final Bounds DOM = new Bounds(1, 31, Map.of());
    private static final Bounds MONTHS = new Bounds(1, 12, Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11),
            Map.entry("dec", 12)));
    private static final Bounds DOW = new Bounds(0, 6, Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4,
            "fri", 5, "sat", 6));

    private final long minute;
    private final long hour;
    private final long dom;
    private final long month;
    private final long dow;
    private final ZoneId zone;
    /** For {@code @every}: the fixed delay, else null. */
    private final Duration every;

    private CronSchedule(long minute, long hour, long dom, long month, long dow, ZoneId zone, Duration every) {
        this.minute = minute;
        this.hour = hour;
        this.dom = dom;
        this.month = month;
        this.dow = dow;
        this.zone = zone;
        this.every = every;
    }

    /** A schedule that cannot be read, with robfig's message. */
    public static final class InvalidSchedule extends Exception {
        InvalidSchedule(String message) {
            super(message, null, false, false);
        }
    }

    private record Bounds(int min, int max, Map<String, Integer> names) {
    }

    /** ParseStandard, in {@code zone} unless the spec names its own; UTC stands for the controller's local zone. */
    public static CronSchedule parse(String spec, ZoneId zone) throws InvalidSchedule {
        if (spec.isEmpty()) {
            throw new InvalidSchedule("empty spec string");
        }
        ZoneId loc = zone;
        if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
            int space = spec.indexOf(' ');
            int eq = spec.indexOf('=');
            String name = space < 0 ? spec.substring(eq + 1) : spec.substring(eq + 1, space);
            loc = location(name);
            if (loc == null) {
                throw new InvalidSchedule("provided bad location " + name + ": unknown time zone " + name);
            }
            spec = space < 0 ? "" : spec.substring(space).strip();
        }
        if (spec.startsWith("@")) {
            return descriptor(spec, loc);
        }
        List<String> fields = List.of(spec.strip().isEmpty() ? new String[0] : spec.strip().split("\\s+"));
        if (fields.size() != 5) {
            throw new InvalidSchedule("expected exactly 5 fields, found " + fields.size() + ": ["
                    + String.join(" ", fields) + "]");
        }
        return new CronSchedule(field(fields.get(0), MINUTES), field(fields.get(1), HOURS), field(fields.get(2), DOM),
                field(fields.get(3), MONTHS), field(fields.get(4), DOW), loc, null);
    }

    /** time.LoadLocation: UTC for "" and "UTC", the tz database's zones, null for an unknown name. */
    public static ZoneId location(String name) {
        if (name.isEmpty() || name.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (!ZoneId.getAvailableZoneIds().contains(name)) {
            return null;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static CronSchedule descriptor(String spec, ZoneId loc) throws InvalidSchedule {
        switch (spec) {
            case "@yearly", "@annually" -> {
                return new CronSchedule(1, 1, 1L << 1, 1L << 1, all(DOW) | STAR, loc, null);
            }
            case "@monthly" -> {
                return new CronSchedule(1, 1, 1L << 1, all(MONTHS) | STAR, all(DOW) | STAR, loc, null);
            }
            case "@weekly" -> {
                return new CronSchedule(1, 1, all(DOM) | STAR, all(MONTHS) | STAR, 1, loc, null);
            }
            case "@daily", "@midnight" -> {
                return new CronSchedule(1, 1, all(DOM) | STAR, all(MONTHS) | STAR, all(DOW) | STAR, loc, null);
            }
            case "@hourly" -> {
                return new CronSchedule(1, all(HOURS) | STAR, all(DOM) | STAR, all(MONTHS) | STAR, all(DOW) | STAR,
                        loc, null);
            }
            default -> {
            }
        }
        String prefix = "@every ";
        if (spec.startsWith(prefix)) {
            Duration d;
            try {
                d = GoDuration.parse(spec.substring(prefix.length()));
            } catch (IllegalArgumentException e) {
                throw new InvalidSchedule("failed to parse duration " + spec + ": " + e.getMessage());
            }
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                d = Duration.ofSeconds(1);
            }
            return new CronSchedule(0, 0, 0, 0, 0, loc, Duration.ofSeconds(d.getSeconds()));
        }
        throw new InvalidSchedule("unrecognized descriptor: " + spec);
    }

    private static long all(Bounds r) {
        return bits(r.min, r.max, 1);
    }

    private static long field(String field, Bounds r) throws InvalidSchedule {
        long bits = 0;
        for (String expr : field.split(",")) {
            if (!expr.isEmpty()) {
                bits |= range(expr, r);
            }
        }
        return bits;
    }

    private static long range(String expr, Bounds r) throws InvalidSchedule {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        boolean single = lowAndHigh.length == 1;
        long start;
        long end;
        long step;
        long extra = 0;
        if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
            start = r.min;
            end = r.max;
            extra = STAR;
        } else {
            start = intOrName(lowAndHigh[0], r.names);
            switch (lowAndHigh.length) {
                case 1 -> end = start;
                case 2 -> end = intOrName(lowAndHigh[1], r.names);
                default -> throw new InvalidSchedule("too many hyphens: " + expr);
            }
        }
        switch (rangeAndStep.length) {
            case 1 -> step = 1;
            case 2 -> {
                step = number(rangeAndStep[1]);
                if (single) {
                    end = r.max;
                }
                if (step > 1) {
                    extra = 0;
                }
            }
            default -> throw new InvalidSchedule("too many slashes: " + expr);
        }
        if (start < r.min) {
            throw new InvalidSchedule("beginning of range (" + start + ") below minimum (" + r.min + "): " + expr);
        }
        if (end > r.max) {
            throw new InvalidSchedule("end of range (" + end + ") above maximum (" + r.max + "): " + expr);
        }
        if (start > end) {
            throw new InvalidSchedule("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
        }
        if (step == 0) {
            throw new InvalidSchedule("step of range should be a positive number: " + expr);
        }
        return bits((int) start, (int) end, (int) Math.min(step, 64)) | extra;
    }

    private static long bits(int min, int max, int step) {
        long bits = 0;
        for (int i = min; i <= max; i += step) {
            bits |= 1L << i;
        }
        return bits;
    }

    private static long intOrName(String expr, Map<String, Integer> names) throws InvalidSchedule {
        Integer named = names.get(expr.toLowerCase(Locale.ROOT));
        return named != null ? named : number(expr);
    }

    /** mustParseInt over strconv.Atoi. */
    private static long number(String expr) throws InvalidSchedule {
        long n;
        try {
            n = GoDuration.atoi(expr);
        } catch (IllegalArgumentException e) {
            throw new InvalidSchedule("failed to parse int from " + expr + ": " + e.getMessage());
        }
        if (n < 0) {
            throw new InvalidSchedule("negative number (" + n + ") not allowed: " + expr);
        }
        return n;
    }

    /** The first time after {@code after} the schedule fires, or null when none is within five years. */
    public Instant next(Instant after) {
        if (every != null) {
            return after.plus(every).minusNanos(after.getNano());
        }
        ZonedDateTime t = after.atZone(zone).plusSeconds(1).withNano(0);
        boolean added = false;
        int yearLimit = t.getYear() + 5;
        wrap:
        while (true) {
            if (t.getYear() > yearLimit) {
                return null;
            }
            while ((1L << t.getMonthValue() & month) == 0) {
                if (!added) {
                    added = true;
                    t = ZonedDateTime.of(t.getYear(), t.getMonthValue(), 1, 0, 0, 0, 0, zone);
                }
                t = t.plusMonths(1);
                if (t.getMonthValue() == 1) {
                    continue wrap;
                }
            }
            while (!dayMatches(t)) {
                if (!added) {
                    added = true;
                    t = ZonedDateTime.of(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), 0, 0, 0, 0, zone);
                }
                t = t.plusDays(1);
                // a day that does not start at midnight, for daylight saving time, is brought back to it
                if (t.getHour() != 0) {
                    t = t.getHour() > 12 ? t.plusHours(24 - t.getHour()) : t.minusHours(t.getHour());
                }
                if (t.getDayOfMonth() == 1) {
                    continue wrap;
                }
            }
            while ((1L << t.getHour() & hour) == 0) {
                if (!added) {
                    added = true;
                    t = ZonedDateTime.of(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), 0, 0, 0,
                            zone);
                }
                t = t.plusHours(1);
                if (t.getHour() == 0) {
                    continue wrap;
                }
            }
            while ((1L << t.getMinute() & minute) == 0) {
                if (!added) {
                    added = true;
                    t = t.withSecond(0).withNano(0);
                }
                t = t.plusMinutes(1);
                if (t.getMinute() == 0) {
                    continue wrap;
                }
            }
            // the standard parser's seconds field is always 0
            while (t.getSecond() != 0) {
                if (!added) {
                    added = true;
                    t = t.withNano(0);
                }
                t = t.plusSeconds(1);
                if (t.getSecond() == 0) {
                    continue wrap;
                }
            }
            return t.toInstant();
        }
    }

    /** Day of month and day of week both restricted: either matches; otherwise both must. */
    private boolean dayMatches(ZonedDateTime t) {
        boolean domMatch = (1L << t.getDayOfMonth() & dom) != 0;
        boolean dowMatch = (1L << (t.getDayOfWeek().getValue() % 7) & dow) != 0;
        if ((dom & STAR) != 0 || (dow & STAR) != 0) {
            return domMatch && dowMatch;
        }
        return domMatch || dowMatch;
    }
}
