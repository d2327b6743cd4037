package dev.latentlab.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;

/**
 * Binds and writes the config option enums by their {@link OptionNames}: a scalar naming an allowed constant
 * binds to it; anything else (an unknown name, null, a list, a map) is refused like {@link Check#oneOf}, naming
 * the key path and the allowed names ({@code kmeans.init = "forgy": expected one of kmeans++, random}); a
 * {@link OneOf} on the component narrows the allowed names. Any other enum in a config record is a bug.
 */
final class OptionModule extends Module {
    @Override
    public String getModuleName() {
        return "config-options";
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addDeserializers(new Deserializers.Base() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
                                                            BeanDescription description) {
                requireOption(type);
                return new OptionDeserializer(type, OptionNames.of((Class) type));
            }
        });
        context.addSerializers(new Serializers.Base() {
            @Override
            public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type,
                                                    BeanDescription description) {
                if (!type.isEnumType()) {
                    return null;
                }
                requireOption(type.getRawClass());
                return OptionSerializer.INSTANCE;
            }
        });
    }

    private static void requireOption(Class<?> type) {
        if (!OptionNames.isOption(type)) {
            throw new IllegalStateException("enum " + type.getName() + " in a config record is not a config option "
                    + "set: list it in " + OptionNames.class.getName());
        }
    }

    /** Writes a constant as its config name. */
    private static final class OptionSerializer extends StdSerializer<Enum<?>> {
        static final OptionSerializer INSTANCE = new OptionSerializer();

        @SuppressWarnings({"unchecked", "rawtypes"})
        private OptionSerializer() {
            super((Class) Enum.class);
        }

        @Override
        public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(OptionNames.of(value));
        }
    }

    /** Reads a config name, refusing anything but the allowed ones. */
    private static final class OptionDeserializer<E extends Enum<E>> extends JsonDeserializer<E>
            implements ContextualDeserializer {
        private final Class<E> type;
        private final List<String> allowed;

        OptionDeserializer(Class<E> type, List<String> allowed) {
            this.type = type;
            this.allowed = allowed;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            OneOf only = property == null ? null : property.getAnnotation(OneOf.class);
            if (only == null) {
                return this;
            }
            List<String> names = List.of(only.value());
            for (String name : names) {
                if (OptionNames.parse(type, name) == null) {
                    throw new IllegalStateException("@OneOf on " + property.getName() + " names " + name + ", not one of "
                            + OptionNames.of(type) + " (" + type.getName() + ")");
                }
            }
            return new OptionDeserializer<>(type, names);
        }

        @Override
        public E deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.currentToken().isScalarValue()) {
                String text = p.getText();
                if (allowed.contains(text)) {
                    return OptionNames.parse(type, text);
                }
                throw refusal(p, text);
            }
            throw refusal(p, context.readTree(p));
        }

        @Override
        public E getNullValue(DeserializationContext context) throws JsonMappingException {
            throw refusal(context.getParser(), null);
        }

        @Override
        public Class<?> handledType() {
            return type;
        }

        /** A refusal as {@link Check#oneOf} words it; the loader adds the key path ({@link BindingErrors}). */
        private JsonMappingException refusal(JsonParser p, Object value) {
            InvalidValueException invalid = new InvalidValueException("", value,
                    Check.oneOfExpectation(value instanceof String text ? text : null, allowed));
            return JsonMappingException.from(p, invalid.getMessage(), invalid);
        }
    }
}
