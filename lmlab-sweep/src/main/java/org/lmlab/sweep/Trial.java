package org.lmlab.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One point of a sweep: hyperparameter key → value. Its id is a pure function of the point (readable values plus
 * a hash of the sorted assignments), so the same point always maps to the same run directory — which is how a
 * resumed sweep recognizes finished work.
 */
public record Trial(Map<String, String> params) {

    public Trial {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A copy with {@code key} set to {@code value}. */
    public Trial with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(params);
        m.put(key, value);
        return new Trial(m);
    }

    /** The overrides this trial applies to the base config. */
    public List<String> overrides() {
        List<String> out = new ArrayList<>();
        params.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    public String id() {
        String canonical = new TreeMap<>(params).toString();
        StringBuilder readable = new StringBuilder();
        params.forEach((k, v) -> {
            String leaf = k.substring(k.lastIndexOf('.') + 1);
            readable.append(readable.isEmpty() ? "" : "_").append(leaf).append(v);
        });
        String r = readable.toString().replaceAll("[^A-Za-z0-9.+-_]", "");
        if (r.length() > 60) {
            r = r.substring(0, 60);
        }
        return r + "-" + hash(canonical);
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return String.format("%02x%02x%02x%02x", d[0], d[1], d[2], d[3]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
