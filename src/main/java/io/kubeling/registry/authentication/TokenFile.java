package io.kubeling.registry.authentication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kubeling.registry.UserInfo;

/**
 * kube's static token file (--token-auth-file): CSV records {@code token,user,uid[,"group1,group2"]}, read once at
 * start; a record of fewer than three fields stops the start, an empty token is skipped and a repeated token
 * takes the later record, each with kube's warning.
 */
public final class TokenFile {

    private static final Logger log = LoggerFactory.getLogger(TokenFile.class);

    private final Map<String, UserInfo> users;

    private TokenFile(Map<String, UserInfo> users) {
        this.users = Map.copyOf(users);
    }

    public static TokenFile empty() {
        return new TokenFile(Map.of());
    }

    public static TokenFile read(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    }

    static TokenFile parse(String text, String path) throws IOException {
        Map<String, UserInfo> users = new HashMap<>();
        int recordNumber = 0;
        for (List<String> record : records(text)) {
            if (record.size() < 3) {
                throw new IOException("token file '" + path
                        + "' must have at least 3 columns (token, user name, user uid), found " + record.size());
            }
            recordNumber++;
            if (record.get(0).isEmpty()) {
                log.warn("empty token has been found in token file '{}', record number '{}'", path, recordNumber);
                continue;
            }
            if (users.containsKey(record.get(0))) {
                log.warn("duplicate token has been found in token file '{}', record number '{}'", path,
                        recordNumber);
            }
            List<String> groups = record.size() >= 4 ? Arrays.asList(record.get(3).split(",", -1)) : List.of();
            users.put(record.get(0), new UserInfo(record.get(1), record.get(2), groups, Map.of()));
        }
        return new TokenFile(users);
    }

    /** The token's user, or null when the file has no such token. */
    public UserInfo authenticate(String token) {
        return users.get(token);
    }

    /** Go's encoding/csv: comma-separated fields, double quotes around fields that hold commas, quotes or lines. */
    static List<List<String>> records(String text) throws IOException {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                fieldStarted = true;
            } else if (c == '"') {
                throw new IOException("parse error on line " + line + ": bare \" in non-quoted-field");
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (fieldStarted || !field.isEmpty() || !record.isEmpty()) {
                    record.add(field.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
                line++;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) {
            throw new IOException("parse error on line " + line + ": extraneous or missing \" in quoted-field");
        }
        if (fieldStarted || !field.isEmpty() || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
