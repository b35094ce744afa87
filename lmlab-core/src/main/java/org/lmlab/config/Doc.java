package org.lmlab.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One-line documentation of a config key, written next to the record component it documents so the help text
 * the command line prints ({@link Configs#describe}) can never drift from the code. On a record type it documents
 * the section as a whole (used when the component holding the section carries no {@code @Doc} of its own).
 *
 * <pre>{@code
 * public record OptimConfig(@Doc("Peak learning rate.") double lr, ...) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
// RECORD_COMPONENT is what Configs reads; FIELD and METHOD let the annotation also propagate to the generated
// field and accessor, so other reflective tools see it too.
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface Doc {
    /** The documentation text: one sentence, no trailing period needed. */
    String value();
}
