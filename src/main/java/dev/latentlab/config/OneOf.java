package dev.latentlab.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a config record component of an option type ({@link OptionNames}), or a list of one: the names the key
 * accepts when it takes only some of the type's constants ({@code @OneOf({"lloyd", "minibatch"}) DictionaryMethod
 * algorithm}), in the order a refusal lists them. The compact constructor checks the same set for records made in
 * Java ({@link Check#option}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface OneOf {
    /** The config names accepted. */
    String[] value();
}
