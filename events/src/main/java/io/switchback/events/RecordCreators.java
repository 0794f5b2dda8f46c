package io.switchback.events;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;

/**
 * Calls a public record's canonical constructor through a method handle spread once, when its deserializer is built.
 * Jackson 3.1 calls a creator of several arguments with {@code MethodHandle.invokeWithArguments}, which builds a
 * spreading adapter on every call: a twentieth of the edge's request CPU went to making records of requests
 * (docs/decisions.md). Everything else, the errors a constructor throws included, stays Jackson's.
 */
final class RecordCreators extends JacksonModule {

    @Override
    public String getModuleName() {
        return "switchback-record-creators";
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addValueInstantiators(new ValueInstantiators.Base() {
            @Override
            public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
                    BeanDescription.Supplier bean, ValueInstantiator instantiator) {
                return spread(bean, instantiator);
            }
        });
    }

    private static ValueInstantiator spread(BeanDescription.Supplier bean, ValueInstantiator instantiator) {
        if (!bean.isRecordType() || instantiator.getClass() != StdValueInstantiator.class
                || !(instantiator.getWithArgsCreator() != null
                        && instantiator.getWithArgsCreator().getAnnotated() instanceof Constructor<?> constructor)
                || !Modifier.isPublic(constructor.getModifiers())
                || !Modifier.isPublic(constructor.getDeclaringClass().getModifiers())) {
            return instantiator;
        }
        try {
            MethodHandle handle = MethodHandles.publicLookup().unreflectConstructor(constructor)
                    .asSpreader(Object[].class, constructor.getParameterCount())
                    .asType(MethodType.methodType(Object.class, Object[].class));
            return new Spread((StdValueInstantiator) instantiator, handle);
        } catch (IllegalAccessException e) {
            return instantiator;
        }
    }

    /** Jackson's instantiator, but for the call of the canonical constructor. */
    static final class Spread extends StdValueInstantiator {

        private final transient MethodHandle constructor;

        Spread(StdValueInstantiator jacksons, MethodHandle constructor) {
            super(jacksons);
            this.constructor = constructor;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext context, Object[] arguments) throws JacksonException {
            try {
                return constructor.invokeExact(arguments);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                // as Jackson's own: a constructor's refusal becomes a ValueInstantiationException
                return context.handleInstantiationProblem(getValueClass(), arguments, rewrapCtorProblem(context, e));
            }
        }
    }
}
