package io.switchback.events;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generates arbitrary valid events of any type, from the records and the patterns their fields declare. */
final class EventArbitraries {

    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    private static final String HEX = "0123456789abcdef";

    private EventArbitraries() {
    }

    /** One event of every type, as a list in {@link EventType} order. */
    static Arbitrary<List<SwitchbackEvent>> oneOfEachType() {
        List<Arbitrary<SwitchbackEvent>> each = Arrays.stream(EventType.values())
                .map(type -> record(type.recordClass()).map(SwitchbackEvent.class::cast))
                .toList();
        return Combinators.combine(each).as(list -> list);
    }

    @SuppressWarnings("unchecked")
    static <T> Arbitrary<T> record(Class<T> recordClass) {
        RecordComponent[] components = recordClass.getRecordComponents();
        List<Arbitrary<Object>> fields = Arrays.stream(components).map(EventArbitraries::field).toList();
        Constructor<T> constructor;
        try {
            constructor = recordClass.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        return Combinators.combine(fields).as(values -> {
            try {
                return constructor.newInstance(values.toArray());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Arbitrary<Object> field(RecordComponent component) {
        Doc doc = component.getAnnotation(Doc.class);
        Class<?> type = component.getType();
        Arbitrary<?> arbitrary;
        if (type.isRecord()) {
            arbitrary = record(type);
        } else if (type == String.class) {
            arbitrary = string(doc.pattern());
        } else if (type == Instant.class) {
            arbitrary = instants();
        } else if (type == int.class || type == Integer.class) {
            arbitrary = Arbitraries.integers().greaterOrEqual(0);
        } else if (type == long.class || type == Long.class) {
            arbitrary = Arbitraries.longs().greaterOrEqual(0);
        } else if (type == double.class || type == Double.class) {
            arbitrary = Arbitraries.doubles().between(0, 1e12);
        } else if (type.isEnum()) {
            arbitrary = Arbitraries.of((Class<Enum>) type);
        } else {
            throw new IllegalStateException("no arbitrary for " + type);
        }
        Arbitrary<Object> widened = arbitrary.map(Object.class::cast);
        return doc.optional() ? widened.injectNull(0.3) : widened;
    }

    private static Arbitrary<String> string(String pattern) {
        return switch (pattern) {
            case FieldPatterns.NAME -> Combinators.combine(
                    Arbitraries.strings().withChars(LOWER).ofLength(1),
                    Arbitraries.strings().withChars(LOWER + DIGITS + "-").ofMaxLength(20),
                    Arbitraries.strings().withChars(LOWER + DIGITS).ofMaxLength(1)).as((a, b, c) -> a + b + c)
                    .filter(s -> s.matches(FieldPatterns.NAME));
            case FieldPatterns.ID -> Combinators.combine(
                    Arbitraries.strings().alpha().numeric().ofLength(1),
                    Arbitraries.strings().alpha().numeric().withChars("._:-").ofMaxLength(40)).as((a, b) -> a + b);
            case FieldPatterns.COMMIT -> Arbitraries.strings().withChars(HEX).ofMinLength(7).ofMaxLength(40);
            case FieldPatterns.IMAGE -> Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(80);
            case "" -> Arbitraries.strings().withCharRange(' ', '~').withChars("äé€漢\"\\\n\t")
                    .ofMinLength(1).ofMaxLength(60);
            default -> throw new IllegalStateException("no arbitrary for pattern " + pattern);
        };
    }

    private static Arbitrary<Instant> instants() {
        return Combinators.combine(
                Arbitraries.longs().between(0, 4_102_444_800L),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
    }
}
