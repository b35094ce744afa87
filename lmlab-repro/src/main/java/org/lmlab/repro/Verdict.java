package org.lmlab.repro;

import java.util.List;

/** The criteria of one reproduction run, in the order they are printed; it passes when every criterion does. */
public record Verdict(List<Criterion> criteria) {

    public Verdict {
        if (criteria.isEmpty()) {
            throw new IllegalArgumentException("a verdict needs at least one criterion");
        }
        criteria = List.copyOf(criteria);
    }

    public static Verdict of(Criterion... criteria) {
        return new Verdict(List.of(criteria));
    }

    public boolean passed() {
        return criteria.stream().allMatch(Criterion::pass);
    }
}
